import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CancelCourseDto {
  @ApiPropertyOptional({ example: 'Patient withdrew consent' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
