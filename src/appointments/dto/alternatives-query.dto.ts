import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';

export const MAX_ALTERNATIVES = 50;

export class AlternativesQueryDto {
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: MAX_ALTERNATIVES })
  @IsOptional()
  @DecimalInt()
  @IsInt({ message: 'limit must be a decimal integer' })
  @Min(1)
  @Max(MAX_ALTERNATIVES)
  limit?: number;
}
