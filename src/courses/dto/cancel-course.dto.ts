import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsWellFormedText } from '../../common/text-rules';

export class CancelCourseDto {
  @ApiPropertyOptional({ example: 'Patient withdrew consent' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @IsWellFormedText()
  reason?: string;
}
