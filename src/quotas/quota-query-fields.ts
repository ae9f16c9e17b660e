import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DecimalInt } from '../common/decimal-int.decorator';

/** `?year=` of the quota lists (quotas, referrals): a quota year. */
export const QuotaYearQuery = (description?: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ example: 2027, description }), IsOptional(), DecimalInt(), IsInt(), Min(2000), Max(2200));

/** `?countryCode=` of the quota lists: an admin's filter; a ministry's own country always bounds what it sees. */
export const CountryCodeQuery = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ example: 'KG', description: "A ministry only ever sees its own country's" }),
    IsOptional(),
    Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters' }),
  );
