import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { CountryCodeQuery, QuotaYearQuery } from '../../quotas/quota-query-fields';
import { REFERRAL_STATUSES, ReferralStatus } from '../referral.entity';

export class ListReferralsDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "One quota's referrals (a year's places of one category)" })
  @IsOptional()
  @IsUUID()
  quotaId?: string;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: 'RETURNED: the course was cancelled before its first fraction' })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @QuotaYearQuery('The quota year the place was taken from')
  year?: number;

  @CountryCodeQuery()
  countryCode?: string;
}
