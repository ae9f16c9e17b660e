import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInt } from './decimal-int.decorator';

export const DEFAULT_PAGE_LIMIT = 100;
/** Deeper pages than this are no use to anyone and would only load the database. */
const MAX_OFFSET = 1_000_000;

/** `limit`/`offset` for list endpoints, newest first: a ministry's referrals grow year on year. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_PAGE_LIMIT, minimum: 1, maximum: 1000 })
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
