import { ApiProperty } from '@nestjs/swagger';
import type { Quota } from '../quota.entity';

/** A quota as the API shows it, with `available` derived from the counters. */
export class QuotaView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'KG' }) countryCode!: string;
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ example: 'PEDIATRIC_ONCOHEMATOLOGY' }) category!: string;
  @ApiProperty() granted!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() used!: number;
  @ApiProperty({ description: 'granted - reserved - used' }) available!: number;
  @ApiProperty() updatedAt!: string;
}

export function toQuotaView(q: Quota): QuotaView {
  return {
    id: q.id,
    countryCode: q.countryCode,
    year: q.year,
    category: q.category,
    granted: q.granted,
    reserved: q.reserved,
    used: q.used,
    available: q.granted - q.reserved - q.used,
    updatedAt: new Date(q.updatedAt).toISOString(),
  };
}
