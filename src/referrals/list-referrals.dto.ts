import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { DecimalInt } from '../common/decimal-int.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { REFERRAL_STATUSES, ReferralStatus } from './referral.entity';

export class ListReferralsDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "One quota's referrals (a year's places of one category)" })
  @IsOptional()
  @IsUUID()
  quotaId?: string;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: 'RETURNED: the course was cancelled before its first fraction' })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ example: 2027, description: "The quota year the place was taken from" })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ example: 'KG', description: "A ministry only ever sees its own country's" })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters' })
  countryCode?: string;
}
