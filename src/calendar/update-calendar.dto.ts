import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsIanaTimeZone } from './weekly-hours';
import { WeeklyHoursDto } from './weekly-hours.dto';

export class AnesthesiaDto {
  @ApiPropertyOptional({ type: WeeklyHoursDto, description: 'When anesthesia fractions may run (default Mon–Fri 08:00–13:00)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  windows?: WeeklyHoursDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 20, description: 'Anesthesia fractions that may run at once' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  teams?: number;
}

/** Every field is optional: the ones given replace the stored value, the rest stay as they are. */
export class UpdateCalendarDto {
  @ApiPropertyOptional({ example: 'Asia/Almaty', description: 'IANA time zone of the center' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: WeeklyHoursDto, description: 'Operating hours per weekday (all seven keys)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  hours?: WeeklyHoursDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 240, description: 'Daily QA at the start of each room day' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  qaMinutes?: number;

  @ApiPropertyOptional({ type: AnesthesiaDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AnesthesiaDto)
  anesthesia?: AnesthesiaDto;

  @ApiPropertyOptional({ description: 'One accelerator serving every room (beam intervals never overlap)' })
  @IsOptional()
  @IsBoolean()
  sharedBeam?: boolean;

  @ApiPropertyOptional({ enum: ['KZ', 'NONE'], description: "Public-holiday calendar: Kazakhstan's, or none" })
  @IsOptional()
  @IsIn(['KZ', 'NONE'])
  holidays?: 'KZ' | 'NONE';

  @ApiPropertyOptional({ minimum: 1, maximum: 104, description: 'Planning horizon in weeks' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(104)
  horizonWeeks?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'Courses a year the center plans for' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  annualCapacity?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Share of annualCapacity open to cross-border quotas' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  crossBorderShare?: number;
}
