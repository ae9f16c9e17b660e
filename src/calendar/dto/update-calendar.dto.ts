import { IsInstantWithOffset } from '../../common/instant';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '../../common/is-optional-not-null.decorator';
import { IsIanaTimeZone } from '../../common/time-zone';
import { WeeklyHoursDto } from './weekly-hours.dto';
import { DailyWindowDto } from '../../center/dto/daily-window.dto';

export class AnesthesiaDto {
  @ApiPropertyOptional({ type: WeeklyHoursDto, description: 'When anesthesia fractions may run (default Mon–Fri 08:00–13:00)' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  windows?: WeeklyHoursDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 20, description: 'Anesthesia fractions that may run at once' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(20)
  teams?: number;
}

/** Every field is optional: the ones given replace the stored value, the rest stay as they are. No setting can be null. */
export class UpdateCalendarDto {
  @ApiPropertyOptional({ example: 'Asia/Almaty', description: 'IANA time zone of the center' })
  @IsOptionalNotNull()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: WeeklyHoursDto, description: 'Operating hours per weekday (all seven keys)' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  hours?: WeeklyHoursDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 240, description: 'Daily QA at the start of each room day' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(240)
  qaMinutes?: number;

  @ApiPropertyOptional({ type: AnesthesiaDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => AnesthesiaDto)
  anesthesia?: AnesthesiaDto;

  @ApiPropertyOptional({ description: 'One accelerator serving every room (beam intervals never overlap)' })
  @IsOptionalNotNull()
  @IsBoolean()
  sharedBeam?: boolean;

  @ApiPropertyOptional({ enum: ['KZ', 'NONE'], description: "Public-holiday calendar: Kazakhstan's, or none" })
  @IsOptionalNotNull()
  @IsIn(['KZ', 'NONE'])
  holidays?: 'KZ' | 'NONE';

  @ApiPropertyOptional({
    type: DailyWindowDto,
    description: 'Rule 9: children (under 18 on the day) are treated within these local hours (default 08:00–18:00)',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => DailyWindowDto)
  pediatricHours?: DailyWindowDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 104, description: 'Planning horizon in weeks' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(104)
  horizonWeeks?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'Courses a year the center plans for' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100000)
  annualCapacity?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Share of annualCapacity open to cross-border quotas' })
  @IsOptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  crossBorderShare?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'The updatedAt of the calendar this change was made on (as GET /calendar gave it): if someone changed it since, 409 instead of overwriting their change',
  })
  @IsOptionalNotNull()
  @IsInstantWithOffset()
  updatedAt?: string;
}
