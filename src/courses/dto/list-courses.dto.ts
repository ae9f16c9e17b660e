import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate } from '../../common/instant';
import { PageQueryDto } from '../../common/page-query.dto';
import { IsWellFormedText } from '../../common/text-rules';
import type { Urgency } from '../../scheduling';
import { COURSE_STATUSES, CourseStatus, URGENCIES } from '../course.entity';

/** `a=X&a=Y` and `a=X,Y` both mean [X, Y]: the console builds either. */
const asList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListCoursesDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COURSE_STATUSES, isArray: true, description: 'One or more: status=QUEUED&status=SCHEDULED or status=QUEUED,SCHEDULED' })
  @IsOptional()
  @Transform(asList)
  @IsArray()
  @IsIn(COURSE_STATUSES, { each: true })
  status?: CourseStatus[];

  @ApiPropertyOptional({ enum: URGENCIES, isArray: true, description: 'One or more, as status' })
  @IsOptional()
  @Transform(asList)
  @IsArray()
  @IsIn(URGENCIES, { each: true })
  urgency?: Urgency[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({
    description:
      'true: scheduled or in-treatment courses with a prescribed fraction neither booked nor delivered ' +
      '(cancelled by a downtime with no place found, or missed and not given again): each needs a rebook',
  })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  needsRebooking?: boolean;

  @ApiPropertyOptional({ description: 'true: courses whose first fraction is later than their due start' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  lateStart?: boolean;

  @ApiPropertyOptional({
    description:
      "true: courses with a booked fraction that treats a child outside the center's pediatric hours (rule 9), e.g. booked before the rule; the list to move",
  })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  breaksPediatricHours?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'First fraction on or after this local day (center time zone)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'First fraction on or before this local day (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: "Part of the patient's first or last name or MRN, any case" })
  @IsOptional()
  @IsString()
  @IsWellFormedText()
  @Length(1, 100)
  search?: string;
}
