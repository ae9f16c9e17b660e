import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound, unprocessable } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { requireKnownCountry } from '../countries/known-country';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { toWebhookView, WEBHOOK_VIEW_COLUMNS, WebhookRow, WebhookView } from './views/webhook.view';

/** Ministry receivers: one active per country; the secret goes in and never comes out (nor into the audit). */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(dto: CreateWebhookDto): Promise<WebhookView> {
    return this.dataSource.transaction(async (m) => {
      const country = await requireKnownCountry(m, dto.countryCode);
      if (!country.partner)
        throw unprocessable('not-a-partner', `${dto.countryCode} refers no patients: only partner countries have a ministry receiver`, {
          field: 'countryCode',
        });
      const [existing] = await m.query(`SELECT id FROM ministry_webhooks WHERE country_code = $1 AND active FOR UPDATE`, [dto.countryCode]);
      if (existing) {
        throw conflict('webhook-exists', `Country ${dto.countryCode} already has a receiver; remove it first (DELETE /webhooks/${existing.id})`, {
          webhookId: existing.id,
        });
      }
      const actor = requestContext.actor() ?? SYSTEM_ACTOR;
      const [row]: WebhookRow[] = await m.query(
        `INSERT INTO ministry_webhooks (country_code, url, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING ${WEBHOOK_VIEW_COLUMNS}`,
        [dto.countryCode, dto.url, dto.secret, actor.username],
      );
      await this.audit.record(m, { action: 'webhook.create', entity: 'webhook', entityId: row.id, details: { countryCode: dto.countryCode, url: dto.url } });
      return toWebhookView(row);
    });
  }

  async list(): Promise<WebhookView[]> {
    const rows: WebhookRow[] = await this.dataSource.query(
      `SELECT ${WEBHOOK_VIEW_COLUMNS} FROM ministry_webhooks ORDER BY active DESC, country_code, created_at DESC`,
    );
    return rows.map(toWebhookView);
  }

  /** Stops new notices to this receiver; ones already made for it fail on their next attempt ("the receiver was removed"). */
  remove(id: string): Promise<WebhookView> {
    return this.dataSource.transaction(async (m) => {
      const [[row]]: [WebhookRow[], number] = await m.query(
        `UPDATE ministry_webhooks SET active = false, disabled_at = now() WHERE id = $1 AND active RETURNING ${WEBHOOK_VIEW_COLUMNS}`,
        [id],
      );
      if (!row) throw notFound('Webhook', id);
      await this.audit.record(m, { action: 'webhook.remove', entity: 'webhook', entityId: id, details: { countryCode: row.country_code } });
      return toWebhookView(row);
    });
  }
}
