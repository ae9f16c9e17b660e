import { ApiProperty } from '@nestjs/swagger';

/** A registered receiver; its secret is never part of any answer. */
export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'KG' }) countryCode!: string;
  @ApiProperty() url!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: Date | null;
}

export interface WebhookRow {
  id: string;
  country_code: string;
  url: string;
  active: boolean;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
}

export const WEBHOOK_VIEW_COLUMNS = 'id, country_code, url, active, created_by, created_at, disabled_at';

export function toWebhookView(r: WebhookRow): WebhookView {
  return { id: r.id, countryCode: r.country_code, url: r.url, active: r.active, createdBy: r.created_by, createdAt: r.created_at, disabledAt: r.disabled_at };
}
