import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DecimalInt } from '../common/decimal-int.decorator';

export class ListQuotasDto {
  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ example: 'KG', description: "A ministry only ever sees its own country's quotas" })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters' })
  countryCode?: string;

  @ApiPropertyOptional({ example: 'PEDIATRIC_ONCOHEMATOLOGY' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'category must be an upper-case code' })
  category?: string;
}
