import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CountryCodeQuery, QuotaYearQuery } from '../quota-query-fields';

export class ListQuotasDto {
  @QuotaYearQuery()
  year?: number;

  @CountryCodeQuery()
  countryCode?: string;

  @ApiPropertyOptional({ example: 'PEDIATRIC_ONCOHEMATOLOGY' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'category must be an upper-case code' })
  category?: string;
}
