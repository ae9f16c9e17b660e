import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { dayIntervalsProblem } from '../../calendar/weekly-hours';
import { IsInstantWithOffset } from '../../common/instant';
import { MAX_HORIZON_WEEKS, MAX_RUNS } from '../../scheduling';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function isShift(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string' && HHMM.test(x)) && v[0] < v[1];
}

/** Why a weekly-hours change is unacceptable, or null: only weekday keys, and each day as PUT /calendar wants it. */
function weeklyHoursProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  for (const [k, v] of Object.entries(value)) {
    if (!WEEKDAY_KEYS.includes(k)) return `has the key ${JSON.stringify(k)}, not a weekday (mon..sun)`;
    if (Array.isArray(v) && v.length > 4) return `${k} has more than 4 shifts`;
    if (v !== null && Array.isArray(v) && !v.every(isShift)) return `${k} must be a list of ['HH:MM','HH:MM'] shifts, start before end`;
    // Overlapping shifts would count the same room minutes twice (the simulated center would be
    // open "twice" at once), so they are refused as PUT /calendar refuses them.
    const problem = dayIntervalsProblem(v);
    if (problem) return `${k} ${problem}`;
  }
  return null;
}

/** { mon: [['07:00','23:00']], sat: null, ... } with only weekday keys and ordered, non-overlapping HH:MM pairs. */
function IsWeeklyHours(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isWeeklyHours',
      validator: {
        validate: (value: unknown) => weeklyHoursProblem(value) === null,
        defaultMessage: (args) =>
          `$property must map weekdays (mon..sun) to null or a list of ['HH:MM','HH:MM'] shifts, start before end, not overlapping: ${args?.property} ${weeklyHoursProblem(args?.value)}`,
      },
    },
    options,
  );
}

function IsShift(options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isShift', validator: { validate: isShift, defaultMessage: () => "$property must be ['HH:MM','HH:MM'] with start before end" } },
    options,
  );
}

function IsScaleMap(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isScaleMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 10),
        defaultMessage: () => '$property must map category keys to multipliers between 0 and 10',
      },
    },
    options,
  );
}

export class CourseProfileDto {
  @ApiProperty({ example: 1 }) @IsNumber() @Min(0) @Max(1000) weight!: number;
  @ApiProperty({ example: 28 }) @IsInt() @Min(1) @Max(45) fractions!: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) fractionsPerWeek?: number;
  @ApiPropertyOptional({ example: 30 }) @IsOptional() @IsInt() @Min(10) @Max(240) fractionMinutes?: number;
  @ApiPropertyOptional({ example: 8 }) @IsOptional() @IsInt() @Min(1) @Max(120) beamMinutes?: number;
}

export class ArrivalCategoryDto {
  @ApiProperty({ example: 'ADULT_ROUTINE' }) @IsString() @Matches(/^[A-Za-z0-9_.-]{1,64}$/) key!: string;
  @ApiProperty({ enum: ['ADULT', 'PEDIATRIC'] }) @IsIn(['ADULT', 'PEDIATRIC']) patientCategory!: 'ADULT' | 'PEDIATRIC';
  @ApiProperty({ enum: ['EMERGENCY', 'URGENT', 'ROUTINE'] }) @IsIn(['EMERGENCY', 'URGENT', 'ROUTINE']) urgency!: 'EMERGENCY' | 'URGENT' | 'ROUTINE';
  @ApiProperty() @IsBoolean() requiresAnesthesia!: boolean;
  @ApiProperty({ example: 9.5, description: 'expected courses per week (Poisson mean)' }) @IsNumber() @Min(0) @Max(200) ratePerWeek!: number;
  @ApiProperty({ type: [CourseProfileDto], description: 'fraction-count distribution (relative weights)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CourseProfileDto)
  profiles!: CourseProfileDto[];
  @ApiPropertyOptional({ enum: ['GANTRY', 'FIXED_BEAM'], isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(['GANTRY', 'FIXED_BEAM'], { each: true })
  roomKinds?: Array<'GANTRY' | 'FIXED_BEAM'>;
}

export class DowntimeChangeDto {
  @ApiPropertyOptional({ nullable: true, description: 'The room by id; null (and no room): the whole beam line' })
  @IsOptional()
  @IsString()
  roomId!: string | null;
  @ApiPropertyOptional({ example: 'G2', description: 'The room by name (as GET /rooms lists it), instead of roomId' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'room must name a room' })
  room?: string;
  @ApiProperty({ example: '2027-03-01T00:00:00+05:00' })
  @IsInstantWithOffset()
  start!: string;
  @ApiProperty({ example: '2027-03-08T00:00:00+05:00' })
  @IsInstantWithOffset()
  end!: string;
}

export class ForecastChangesDto {
  @ApiPropertyOptional({ example: 1, description: 'extra gantry rooms' }) @IsOptional() @IsInt() @Min(0) @Max(10) extraRooms?: number;
  @ApiPropertyOptional({ example: { mon: [['07:00', '24:00']] } }) @IsOptional() @IsWeeklyHours() hours?: Record<string, Array<[string, string]> | null>;
  @ApiPropertyOptional({ example: ['08:00', '16:00'] }) @IsOptional() @IsShift() saturdayShift?: [string, string];
  @ApiPropertyOptional({ type: [DowntimeChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DowntimeChangeDto)
  downtimes?: DowntimeChangeDto[];
  @ApiPropertyOptional({ example: 1.1, description: 'arrival rate: multiplies every category (1.1 = 10 % more referrals)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10)
  demandScale?: number;
  @ApiPropertyOptional({
    example: { PEDIATRIC: 1.5 },
    description: 'case mix: multiplies the arrival rate of a category (ADULT, PEDIATRIC, an urgency or a key)',
  })
  @IsOptional()
  @IsObject()
  @IsScaleMap()
  categoryScale?: Record<string, number>;
  @ApiPropertyOptional({ example: 2, description: 'anesthesia teams working at once (2 = a second team)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  anesthesiaTeams?: number;
}

export class CreateForecastDto {
  @ApiPropertyOptional({ default: 52, maximum: MAX_HORIZON_WEEKS }) @IsOptional() @IsInt() @Min(1) @Max(MAX_HORIZON_WEEKS) horizonWeeks?: number;
  @ApiPropertyOptional({ default: 200, maximum: MAX_RUNS }) @IsOptional() @IsInt() @Min(1) @Max(MAX_RUNS) runs?: number;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(0) @Max(2 ** 31 - 1) seed?: number;
  @ApiPropertyOptional({ default: 26, description: 'weeks of past submissions to estimate arrival rates from' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(104)
  historyWeeks?: number;
  @ApiPropertyOptional({ type: [ArrivalCategoryDto], description: 'default: estimated from recent submissions' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  // An array nested in the array passes @ValidateNested unchecked (and crashed the request as a 500).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ArrivalCategoryDto)
  arrivals?: ArrivalCategoryDto[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() includeQuotaDemand?: boolean;
  // @ValidateNested alone walks an array's elements, so `changes: []` would pass as "no changes".
  @ApiPropertyOptional({ type: ForecastChangesDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ForecastChangesDto) changes?: ForecastChangesDto;
  @ApiPropertyOptional({ default: 800 }) @IsOptional() @IsInt() @Min(1) @Max(100000) target?: number;
}
