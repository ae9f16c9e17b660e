import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobRepository } from '../queue/job.repository';
import { JOBS } from '../queue/jobs/job-catalog';
import { ChannelRegistry } from './channels/channel-registry';
import { Channel, EventType, PATIENT_EVENT_TYPES } from './notification-kinds';

/** One relay at a time cluster-wide, so a patient's events coalesce into one open notice, not one per worker. */
export const RELAY_LOCK_KEY = 7_364_300_022;
const BATCH = 1000;

interface EventRow {
  id: string;
  type: EventType;
  patient_id: string | null;
  referral_id: string | null;
  country_code: string | null;
}

interface ContactRow {
  id: string;
  email: string | null;
  phone: string | null;
  preferred_language: string | null;
  guardian_email: string | null;
  guardian_phone: string | null;
  referral_country_code: string | null;
}

interface Target {
  channel: Channel;
  patientId: string | null;
  referralId: string | null;
  webhookId: string | null;
  countryCode: string | null;
  recipient: string;
  language: string | null;
  eventIds: string[];
}

export interface RelayReport {
  events: number;
  notices: number;
  enqueued: number;
}

/**
 * The outbox's relay: turns undispatched events into notices (a row per recipient and channel), and
 * enqueues each new notice's delivery after commit. A patient's events join the notice still open for
 * them (PENDING, not yet due), so the changes of one downtime make one e-mail; a notice is due
 * NOTIFY_COALESCE_MS after its first event. Enqueue failures (Redis down) leave the notice for the
 * reconciler; a crash before commit leaves the events undispatched for the next pass.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
    private readonly channels: ChannelRegistry,
  ) {}

  async dispatch(): Promise<RelayReport> {
    const report: RelayReport = { events: 0, notices: 0, enqueued: 0 };
    for (;;) {
      const pass = await this.dataSource.transaction((m) => this.dispatchBatch(m));
      if (!pass) break;
      report.events += pass.events;
      report.notices += pass.created.length;
      const enqueued = await Promise.all(
        pass.created.map((n) =>
          this.jobs.enqueue(
            JOBS.deliverNotification,
            { notificationId: n.id, attempt: 1 },
            { delay: Math.max(0, new Date(n.send_after).getTime() - Date.now()) },
          ),
        ),
      );
      report.enqueued += enqueued.filter(Boolean).length;
      if (pass.events < BATCH) break;
    }
    if (report.events) this.logger.debug?.(`relayed ${JSON.stringify(report)}`);
    return report;
  }

  /**
   * "Hold expiring in 48 h" is time passing, not a change: the relay writes it once per hold (the
   * dedupe key), 48 hold-hours ahead (QUOTA_HOLD_UNIT_SECONDS shrinks a day in tests).
   */
  async recordExpiringHolds(): Promise<number> {
    const ahead = 2 * this.config.get('QUOTA_HOLD_UNIT_SECONDS');
    const [, count]: [unknown, number] = await this.dataSource.query(
      `INSERT INTO outbox_events (type, reservation_id, country_code, payload, dedupe_key)
       SELECT 'hold.expiring', r.id, r.country_code,
              jsonb_build_object('reservationId', r.id, 'quotaId', r.quota_id, 'remaining', r.remaining, 'expiresAt', r.expires_at),
              'hold.expiring:' || r.id
         FROM quota_reservations r
        WHERE r.status = 'HELD' AND r.expires_at > now() AND r.expires_at <= now() + make_interval(secs => $1)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [ahead],
    );
    return count ?? 0;
  }

  private async dispatchBatch(m: EntityManager): Promise<{ events: number; created: Array<{ id: string; send_after: Date }> } | null> {
    const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK_KEY]);
    if (!locked) return null;
    const events: EventRow[] = await m.query(
      `SELECT id, type, patient_id, referral_id, country_code FROM outbox_events WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE`,
      [BATCH],
    );
    if (events.length === 0) return null;
    const targets = await this.targets(m, events);
    const open = await this.openNotices(m, targets);
    const fresh: Target[] = [];
    for (const t of targets) {
      const id = open.get(targetKey(t));
      if (id) await m.query(`UPDATE notifications SET event_ids = event_ids || $2::uuid[] WHERE id = $1`, [id, t.eventIds]);
      else fresh.push(t);
    }
    // One statement for all new notices: a downtime touches dozens of patients at once.
    const created: Array<{ id: string; send_after: Date }> =
      fresh.length === 0
        ? []
        : await m.query(
            `INSERT INTO notifications (channel, patient_id, referral_id, webhook_id, country_code, recipient, language, event_ids, send_after, next_attempt_at)
             SELECT x.channel, x.patient_id, x.referral_id, x.webhook_id, x.country_code, x.recipient, x.language, x.event_ids::uuid[], due.at, due.at
               FROM jsonb_to_recordset($1::jsonb) AS x(channel text, patient_id uuid, referral_id uuid, webhook_id uuid, country_code text,
                                                     recipient text, language text, event_ids text),
                    (SELECT now() + make_interval(secs => $2::double precision / 1000) AS at) due
             RETURNING id, send_after`,
            [
              JSON.stringify(
                fresh.map((t) => ({
                  channel: t.channel,
                  patient_id: t.patientId,
                  referral_id: t.referralId,
                  webhook_id: t.webhookId,
                  country_code: t.countryCode,
                  recipient: t.recipient,
                  language: t.language,
                  event_ids: `{${t.eventIds.join(',')}}`,
                })),
              ),
              this.config.get('NOTIFY_COALESCE_MS'),
            ],
          );
    await m.query(`UPDATE outbox_events SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [events.map((e) => e.id)]);
    return { events: events.length, created };
  }

  /**
   * The notices still open for these targets (PENDING, never tried, not yet due), locked so a delivery
   * job cannot claim one while events join it; a notice already claimed gets a successor instead.
   */
  private async openNotices(m: EntityManager, targets: Target[]): Promise<Map<string, string>> {
    if (this.config.get('NOTIFY_COALESCE_MS') === 0 || targets.length === 0) return new Map();
    const patients = [...new Set(targets.map((t) => t.patientId).filter((id): id is string => id !== null))];
    const hooks = [...new Set(targets.map((t) => t.webhookId).filter((id): id is string => id !== null))];
    const rows: Array<{ id: string; channel: Channel; patient_id: string | null; webhook_id: string | null; recipient: string; referral_id: string | null }> =
      await m.query(
        `SELECT id, channel, patient_id, webhook_id, recipient, referral_id FROM notifications
          WHERE status = 'PENDING' AND attempts = 0 AND send_after > now() AND (patient_id = ANY($1::uuid[]) OR webhook_id = ANY($2::uuid[]))
          ORDER BY created_at FOR UPDATE`,
        [patients, hooks],
      );
    const open = new Map<string, string>();
    // FOR UPDATE re-checks the WHERE once it holds the lock: a notice a delivery job claimed meanwhile is not returned.
    for (const r of rows) {
      open.set(targetKey({ channel: r.channel, patientId: r.patient_id, webhookId: r.webhook_id, recipient: r.recipient, referralId: r.referral_id }), r.id);
    }
    return open;
  }

  /** Who each event goes to: the patient (or a child's guardian) by e-mail and SMS, the referring country's receiver. */
  private async targets(m: EntityManager, events: EventRow[]): Promise<Target[]> {
    const patientIds = [...new Set(events.map((e) => e.patient_id).filter((id): id is string => id !== null))];
    const countries = [...new Set(events.map((e) => e.country_code).filter((c): c is string => c !== null))];
    const contacts = new Map<string, ContactRow>(
      (
        await m.query(
          `SELECT id, email, phone, preferred_language, guardian_email, guardian_phone, referral_country_code FROM patients WHERE id = ANY($1::uuid[])`,
          [patientIds],
        )
      ).map((p: ContactRow) => [p.id, p]),
    );
    const hooks = new Map<string, { id: string; url: string }>(
      (await m.query(`SELECT id, country_code, url FROM ministry_webhooks WHERE active AND country_code = ANY($1::bpchar[])`, [countries])).map(
        (w: { id: string; country_code: string; url: string }) => [w.country_code, w],
      ),
    );
    const byKey = new Map<string, Target>();
    const add = (t: Omit<Target, 'eventIds'>, eventId: string) => {
      const key = targetKey(t);
      const found = byKey.get(key);
      if (found) found.eventIds.push(eventId);
      else byKey.set(key, { ...t, eventIds: [eventId] });
    };
    for (const e of events) {
      const p = e.patient_id ? contacts.get(e.patient_id) : undefined;
      if (p && PATIENT_EVENT_TYPES.includes(e.type)) {
        const base = {
          patientId: p.id,
          referralId: e.referral_id,
          webhookId: null,
          countryCode: p.referral_country_code,
          language: p.preferred_language ?? 'ru',
        };
        // A child's guardian, when they gave a contact, is who hears about the schedule.
        const email = p.guardian_email ?? p.email;
        const phone = p.guardian_phone ?? p.phone;
        if (email && this.channels.enabled('EMAIL')) add({ ...base, channel: 'EMAIL', recipient: email }, e.id);
        if (phone && this.channels.enabled('SMS')) add({ ...base, channel: 'SMS', recipient: phone }, e.id);
      }
      // Only the receiver registered for the event's own country: never another's.
      const hook = e.country_code ? hooks.get(e.country_code) : undefined;
      if (hook) {
        add(
          {
            channel: 'WEBHOOK',
            patientId: e.patient_id,
            referralId: e.referral_id,
            webhookId: hook.id,
            countryCode: e.country_code,
            recipient: hook.url,
            language: null,
          },
          e.id,
        );
      }
    }
    return [...byKey.values()];
  }
}

/** What makes two events one notice: same channel, recipient, patient (or none), receiver and referral. */
function targetKey(t: Pick<Target, 'channel' | 'patientId' | 'webhookId' | 'recipient' | 'referralId'>): string {
  return [t.channel, t.patientId, t.webhookId, t.recipient, t.referralId].join('|');
}
