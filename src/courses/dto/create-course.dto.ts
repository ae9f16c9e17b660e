import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DailyWindowDto } from '../../center/dto/daily-window.dto';
import type { RoomKind, Urgency } from '../../scheduling';
import { DIAGNOSIS_GROUPS, DiagnosisGroup, URGENCIES } from '../course.entity';
import { IsCalendarDate } from '../../common/instant';

const ROOM_KINDS: RoomKind[] = ['GANTRY', 'FIXED_BEAM'];

/** A prescription; omitted times take SPEC §2 defaults (core's resolveCourseDefaults). */
export class CreateCourseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId!: string;

  @ApiProperty({ enum: DIAGNOSIS_GROUPS })
  @IsIn(DIAGNOSIS_GROUPS)
  diagnosisGroup!: DiagnosisGroup;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @ApiProperty({ minimum: 1, maximum: 45 })
  @IsInt()
  @Min(1)
  @Max(45)
  fractions!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  fractionsPerWeek?: number;

  @ApiPropertyOptional({ description: 'Room time; default 30 adult, 40 child, 50 with anesthesia', minimum: 10, maximum: 240 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(240)
  fractionMinutes?: number;

  @ApiPropertyOptional({ default: 8, minimum: 1, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  beamMinutes?: number;

  @ApiPropertyOptional({ default: 10, minimum: 0, maximum: 200 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(200)
  beamOffsetMinutes?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  requiresAnesthesia?: boolean;

  @ApiPropertyOptional({ enum: ROOM_KINDS, isArray: true, description: 'Empty or omitted: any kind' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROOM_KINDS, { each: true })
  roomKinds?: RoomKind[];

  @ApiProperty({ example: '2027-02-01' })
  @IsCalendarDate()
  earliestStart!: string;

  @ApiPropertyOptional({ description: 'Default by urgency: 1 / 10 / 20 working days after earliestStart' })
  @IsOptional()
  @IsCalendarDate()
  dueStart?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    isArray: true,
    description:
      "Rule 10: dates the patient cannot come (hard: never booked, and skipping them is the patient's absence, no interruption); within the course window",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsCalendarDate({ each: true })
  unavailableDates?: string[];

  @ApiPropertyOptional({
    type: DailyWindowDto,
    description:
      "Soft: the patient's preferred local daily window, e.g. after work { from: '17:00', to: '23:00' }; places inside it are preferred, reported met or not",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DailyWindowDto)
  preferredWindow?: DailyWindowDto;
}
