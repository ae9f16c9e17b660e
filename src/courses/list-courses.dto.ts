import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DecimalInt } from '../common/decimal-int.decorator';
import { COURSE_STATUSES, CourseStatus } from './course.entity';

/** Deeper pages than this are no use to anyone and would only load the database. */
const MAX_OFFSET = 1_000_000;

export class ListCoursesDto {
  @ApiPropertyOptional({ enum: COURSE_STATUSES })
  @IsOptional()
  @IsIn(COURSE_STATUSES)
  status?: CourseStatus;

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
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  needsRebooking?: boolean;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @DecimalInt()
  @IsInt({ message: 'limit must be a decimal integer' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @DecimalInt()
  @IsInt({ message: 'offset must be a decimal integer' })
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}
