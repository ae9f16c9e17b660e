import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';
import { IsWellFormedText } from '../../common/text-rules';

export class SearchPatientsDto {
  @ApiPropertyOptional({ description: 'Part of a first or last name, or an exact MRN' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsWellFormedText()
  search?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
