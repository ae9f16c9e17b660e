import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../center/center-config.service';
import { AppConfig } from '../config/app-config';
import { JobRepository } from '../queue/job.repository';
import { DeliverNotificationJobData, JOBS } from '../queue/jobs/job-catalog';
import type { NoticeLanguage } from '../patients/patient-contact';
import { ChannelRegistry } from './channels/channel-registry';
import type { PreparedNotice } from './channels/channel';
import { renderPatientNotice } from './messages/render-notice';
import { Channel, OUTBOX_EVENT_COLUMNS, OutboxEvent } from './notification-kinds';
import { nextAttemptAt, RetryPolicy } from './retry-policy';

interface ClaimedRow {
  id: string;
  channel: Channel;
  patient_id: string | null;
  webhook_id: string | null;
  country_code: string | null;
  recipient: string;
  language: NoticeLanguage | null;
  event_ids: string[];
  first_attempt_at: Date;
}

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

/**
 * One attempt at one notice. The claim (status SENDING, attempt number) commits before anything goes
 * out, which closes the notice to further events and tells a redelivered job what to do: the same
 * attempt of a SENDING notice is sent again (a worker died mid-send: at least once), anything else is
 * skipped. A failure schedules the next attempt as a new job (exponential back-off) until the retry
 * window (24 h) is over; then the notice is FAILED and the administrator sees it.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
    private readonly center: CenterConfigService,
  ) {}

  async deliver({ notificationId, attempt }: DeliverNotificationJobData): Promise<DeliveryOutcome> {
    const [[row]]: [ClaimedRow[], number] = await this.dataSource.query(
      `UPDATE notifications SET status = 'SENDING', attempts = $2, first_attempt_at = coalesce(first_attempt_at, now())
        WHERE id = $1 AND status IN ('PENDING', 'SENDING') AND (attempts = $2 - 1 OR (attempts = $2 AND status = 'SENDING'))
        RETURNING id, channel, patient_id, webhook_id, country_code, recipient, language, event_ids, first_attempt_at`,
      [notificationId, attempt],
    );
    if (!row) return 'skipped';
    let subject: string | null = null;
    try {
      const notice = await this.prepare(row);
      subject = notice.subject;
      await this.channels.get(row.channel).send(notice);
    } catch (error) {
      return this.failed(row, attempt, subject, error as Error);
    }
    await this.dataSource.query(
      `UPDATE notifications SET status = 'DELIVERED', delivered_at = now(), subject = $3, last_error = NULL WHERE id = $1 AND attempts = $2`,
      [row.id, attempt, subject],
    );
    return 'delivered';
  }

  private async failed(row: ClaimedRow, attempt: number, subject: string | null, error: Error): Promise<DeliveryOutcome> {
    const policy: RetryPolicy = {
      baseMs: this.config.get('NOTIFY_RETRY_BASE_MS'),
      maxDelayMs: this.config.get('NOTIFY_RETRY_MAX_DELAY_MS'),
      retryForMs: this.config.get('NOTIFY_RETRY_FOR_MS'),
    };
    const next = nextAttemptAt(policy, attempt, new Date(row.first_attempt_at), new Date());
    // Errors name the failure (a status, a refused connection), never a secret: the URL's query and the SMTP credentials stay out.
    const message = (error.message || String(error)).slice(0, 500);
    this.logger.warn(`${row.channel} notice ${row.id} attempt ${attempt} failed: ${message}${next ? '' : ' (giving up)'}`);
    if (!next) {
      await this.dataSource.query(
        `UPDATE notifications SET status = 'FAILED', failed_at = now(), last_error = $3, subject = coalesce($4, subject) WHERE id = $1 AND attempts = $2`,
        [row.id, attempt, message, subject],
      );
      return 'failed';
    }
    await this.dataSource.query(
      `UPDATE notifications SET status = 'PENDING', next_attempt_at = $3, last_error = $4, subject = coalesce($5, subject) WHERE id = $1 AND attempts = $2`,
      [row.id, attempt, next, message, subject],
    );
    // Redis down: the reconciler enqueues it once next_attempt_at has passed.
    await this.jobs.enqueue(JOBS.deliverNotification, { notificationId: row.id, attempt: attempt + 1 }, { delay: Math.max(0, next.getTime() - Date.now()) });
    return 'retrying';
  }

  private async prepare(row: ClaimedRow): Promise<PreparedNotice> {
    const events: OutboxEvent[] = await this.dataSource.query(`SELECT ${OUTBOX_EVENT_COLUMNS} FROM outbox_events WHERE id = ANY($1::uuid[]) ORDER BY seq`, [
      row.event_ids,
    ]);
    if (row.channel === 'WEBHOOK') return this.prepareWebhook(row, events);
    const [p]: Array<{ first_name: string; last_name: string; guardian_name: string | null; guardian_email: string | null; guardian_phone: string | null }> =
      await this.dataSource.query(`SELECT first_name, last_name, guardian_name, guardian_email, guardian_phone FROM patients WHERE id = $1`, [row.patient_id]);
    const patientName = `${p.first_name} ${p.last_name}`;
    const toGuardian = p.guardian_name !== null && (row.recipient === p.guardian_email || row.recipient === p.guardian_phone);
    const { timeZone } = await this.center.getSettings();
    const rendered = renderPatientNotice(
      row.language ?? 'ru',
      timeZone,
      toGuardian ? { name: p.guardian_name!, patientName } : { name: patientName, patientName: null },
      events,
    );
    return {
      notificationId: row.id,
      recipient: row.recipient,
      subject: rendered.subject,
      text: row.channel === 'SMS' ? rendered.sms : rendered.text,
    };
  }

  private async prepareWebhook(row: ClaimedRow, events: OutboxEvent[]): Promise<PreparedNotice> {
    const [hook]: Array<{ url: string; secret: string; active: boolean; country_code: string }> = await this.dataSource.query(
      `SELECT url, secret, active, country_code FROM ministry_webhooks WHERE id = $1`,
      [row.webhook_id],
    );
    if (!hook?.active) throw new Error('the receiver was removed');
    // Belt and braces beside the database trigger: nothing of another country leaves in this body.
    if (hook.country_code !== row.country_code || events.some((e) => e.countryCode !== row.country_code)) {
      throw new Error('notice and receiver belong to different countries');
    }
    const body = JSON.stringify({
      id: row.id,
      country: row.country_code,
      sentAt: new Date().toISOString(),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        occurredAt: new Date(e.occurredAt).toISOString(),
        patientId: e.patientId,
        courseId: e.courseId,
        referralId: e.referralId,
        reservationId: e.reservationId,
        data: e.payload,
      })),
    });
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    const subject = [...counts].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', ');
    return { notificationId: row.id, recipient: hook.url, subject, text: body, secret: hook.secret };
  }
}
