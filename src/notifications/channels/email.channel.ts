import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { NotificationChannel, PreparedNotice } from './channel';

/** Patient e-mail over SMTP (nodemailer); off while SMTP_URL is unset. The URL (it may hold a password) is never logged. */
@Injectable()
export class EmailChannel implements NotificationChannel, OnApplicationShutdown {
  readonly channel = 'EMAIL' as const;
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  enabled(): boolean {
    return Boolean(this.config.get('SMTP_URL'));
  }

  async send(notice: PreparedNotice): Promise<void> {
    this.transport ??= createTransport(this.config.get('SMTP_URL') as string);
    await this.transport.sendMail({
      from: this.config.get('SMTP_FROM'),
      to: notice.recipient,
      subject: notice.subject,
      text: notice.text,
      // Receivers (and our tests) can drop a duplicate of an at-least-once delivery by this id.
      messageId: `<${notice.notificationId}@beamtime>`,
      headers: { 'X-Beamtime-Notification': notice.notificationId },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
