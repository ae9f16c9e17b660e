import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

export class CreateWebhookDto {
  @ApiProperty({ example: 'KG', description: 'The partner country whose referrals this receiver hears about' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2)' })
  countryCode!: string;

  @ApiProperty({ example: 'https://health.gov.kg/beamtime/events' })
  @MaxLength(2000)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiProperty({ description: 'Signing secret shared with the receiver (16–200 characters); stored, never returned', writeOnly: true })
  @IsString()
  @Length(16, 200)
  secret!: string;
}
