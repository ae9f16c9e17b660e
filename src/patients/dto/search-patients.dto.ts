import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';

export class SearchPatientsDto {
  @ApiPropertyOptional({ description: 'Part of a first or last name, or an exact MRN' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
