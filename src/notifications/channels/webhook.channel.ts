import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../webhook-signature';
import { NotificationChannel, PreparedNotice } from './channel';

/** A ministry's receiver: a signed JSON POST; only a 2xx answer counts as delivered (redirects are not followed). */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly channel = 'WEBHOOK' as const;

  constructor(private readonly config: AppConfig) {}

  enabled(): boolean {
    return true;
  }

  async send(notice: PreparedNotice): Promise<void> {
    if (!notice.secret) throw new Error('webhook notice without a secret');
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(notice.recipient, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.get('WEBHOOK_TIMEOUT_MS')),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Beamtime-Webhooks/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(notice.secret, timestamp, notice.text),
        [DELIVERY_HEADER]: notice.notificationId,
      },
      body: notice.text,
    });
    // The body is not read into our log: it is the receiver's, and may echo what we sent.
    await res.body?.cancel();
    if (res.status < 200 || res.status > 299) throw new Error(`receiver answered HTTP ${res.status}`);
  }
}
