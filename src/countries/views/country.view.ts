import { ApiProperty } from '@nestjs/swagger';
import type { Country } from '../country.entity';

/** A country as the API shows it. */
export class CountryView {
  @ApiProperty({ example: 'KG', description: 'ISO 3166-1 alpha-2' })
  code!: string;

  @ApiProperty({ example: 'Kyrgyzstan' })
  name!: string;

  @ApiProperty({ description: 'Has a cross-border agreement (its ministry may hold quotas)' })
  partner!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
}

export function toCountryView(c: Country): CountryView {
  return { code: c.code, name: c.name, partner: c.partner, createdAt: c.createdAt };
}
