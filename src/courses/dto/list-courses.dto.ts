import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { COURSE_STATUSES, CourseStatus } from './course.entity';

export class ListCoursesDto extends PageQueryDto {
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
}
