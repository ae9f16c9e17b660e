/**
 * Notices benchmark (issue #22): a center-wide downtime that moves ~300 booked fractions of 40 patients,
 * then how long the relay takes to turn its outbox events into notices with their delivery jobs enqueued
 * ("queued"), and how long until every notice is delivered to a real local SMTP server and a real webhook
 * receiver that checks each signature ("delivered"). Prints one JSON object.
 *
 *   npm run bench:notifications -- [--patients 40] [--fractions 10] [--target 300]
 *
 * The coalescing window is 0 here: all of one downtime's events reach the relay in one pass and are grouped
 * per patient there; the window only matters for changes that arrive over minutes. Own database (dropped
 * afterwards) and queue prefix; the relay's timer is off so the bench times the relay pass itself.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { CenterSeedService } from '../src/center/center-seed.service';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { configureHttpApp } from '../src/http-app';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';
import { dropQueueKeys } from '../src/queue/drop-queue-keys';
import { UsersService } from '../src/users/users.service';
import { TestSmtpServer, TestWebhookReceiver } from '../test/support/notify-receivers';
import { numberArg } from './cli-args';

const PATIENTS = numberArg('patients', 40);
const FRACTIONS = numberArg('fractions', 10);
const TARGET_MOVES = numberArg('target', 300);
const PG_BASE = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'bench-password-long-enough';
const SECRET = 'bench-kg-receiver-secret-0123';

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number, every = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

async function main(): Promise<void> {
  const databaseUrl = `${PG_BASE}/beamtime_bench_notify_${randomBytes(4).toString('hex')}`;
  const queuePrefix = `bt-bench-${randomBytes(4).toString('hex')}`;
  const smtp = await TestSmtpServer.start();
  const receiver = await TestWebhookReceiver.start(SECRET);
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RECONCILER_ENABLED: 'false',
    EARLY_STARTS_ENABLED: 'false',
    JWT_SECRET: 'bench-secret-which-is-long-enough',
    LOGIN_RATE_LIMIT: '1000',
    SMTP_URL: `${smtp.url}?pool=true&maxConnections=8`,
    NOTIFY_COALESCE_MS: '0',
    NOTIFY_RELAY_EVERY_MS: '3600000',
  });
  const app = await NestFactory.create(AppModule.forRole('all'), { bufferLogs: true, logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `${await app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1');
  try {
    await app.get(CenterSeedService).ensureDemoCenter();
    await app.get(UsersService).ensureDemoUsers(PASSWORD);
    const db = app.get(DataSource);
    const relay = app.get(OutboxRelay);
    const token = async (username: string) => {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const call = async (user: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(user)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, any>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    await call('admin', 'POST', '/webhooks', { countryCode: 'KG', url: receiver.url, secret: SECRET });

    // 40 patients with e-mail and phone, half of them KG's referrals (their ministry hears of every move).
    const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const courseIds: string[] = [];
    for (let i = 0; i < PATIENTS; i++) {
      const patient = await call('coordinator', 'POST', '/patients', {
        firstName: `Bench${i}`,
        lastName: 'Patient',
        birthDate: '1970-06-15',
        sex: i % 2 ? 'female' : 'male',
        countryCode: i % 2 ? 'KG' : 'KZ',
        email: `patient${i}@bench.local`,
        phone: `+7701${String(1000000 + i)}`,
        preferredLanguage: (['kk', 'ru', 'ky', 'en', 'uz'] as const)[i % 5],
      });
      const course = await call('coordinator', 'POST', '/courses', {
        patientId: patient.id,
        diagnosisGroup: 'OTHER',
        urgency: 'ROUTINE',
        fractions: FRACTIONS,
        earliestStart: start,
      });
      if (i % 2) {
        await db.query(`UPDATE patients SET referral_country_code = 'KG' WHERE id = $1`, [patient.id]);
        await db.query(`UPDATE courses SET referral_country_code = 'KG' WHERE id = $1`, [course.id]);
      }
      await call('coordinator', 'POST', `/courses/${course.id}/submit`);
      courseIds.push(course.id as string);
    }
    await until(
      'every course scheduled',
      async () => {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM courses WHERE status = 'QUEUED'`);
        return n === 0 ? true : undefined;
      },
      300_000,
      200,
    );
    // The "scheduled" notices first, so the measurement below holds the downtime's alone.
    await relay.dispatch();
    const settled = () =>
      until(
        'every notice delivered',
        async () => {
          const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM notifications WHERE status IN ('PENDING', 'SENDING')`);
          return open === 0 ? true : undefined;
        },
        120_000,
      );
    await settled();
    const mailsBefore = smtp.mails.length;
    const callsBefore = receiver.calls.length;

    // A center-wide downtime over the first days that hold about TARGET_MOVES booked fractions.
    const days: Array<{ day: string; n: number }> = await db.query(
      `SELECT (start AT TIME ZONE 'Asia/Almaty')::date::text AS day, count(*)::int AS n FROM appointments WHERE status = 'BOOKED' GROUP BY 1 ORDER BY 1`,
    );
    let covered = 0;
    let last = days[0].day;
    for (const d of days) {
      if (covered >= TARGET_MOVES) break;
      covered += d.n;
      last = d.day;
    }
    const downtime = await call('admin', 'POST', '/downtimes', {
      start: `${days[0].day}T00:00:00+05:00`,
      end: `${last}T23:59:00+05:00`,
      kind: 'UNPLANNED',
      reason: 'bench: cyclotron service',
    });
    await until(
      'the reschedule',
      async () => {
        const [d] = await db.query(`SELECT reschedule_status FROM downtimes WHERE id = $1`, [downtime.id]);
        return d.reschedule_status === 'PENDING' ? undefined : true;
      },
      300_000,
      50,
    );
    const [{ events, moved, patients }] = await db.query(
      `SELECT count(*)::int AS events, count(*) FILTER (WHERE type = 'fraction.moved')::int AS moved, count(DISTINCT patient_id)::int AS patients
         FROM outbox_events WHERE dispatched_at IS NULL`,
    );

    const t0 = performance.now();
    const relayed = await relay.dispatch();
    const queuedMs = performance.now() - t0;
    await settled();
    const deliveredMs = performance.now() - t0;

    const [counts] = await db.query(
      `SELECT count(*) FILTER (WHERE channel = 'EMAIL')::int AS emails, count(*) FILTER (WHERE channel = 'SMS')::int AS sms,
              count(*) FILTER (WHERE channel = 'WEBHOOK')::int AS webhooks, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
         FROM notifications n WHERE n.created_at >= now() - interval '10 minutes' AND EXISTS (
           SELECT 1 FROM outbox_events e WHERE e.id = ANY (n.event_ids) AND e.type = 'fraction.moved')`,
    );
    const calls = receiver.calls.slice(callsBefore);
    console.log(
      JSON.stringify({
        bench: 'notifications',
        patients: PATIENTS,
        downtimeDays: `${days[0].day}..${last}`,
        events,
        movedFractions: moved,
        patientsConcerned: patients,
        notices: relayed.notices,
        enqueued: relayed.enqueued,
        ...counts,
        smtpMessages: smtp.mails.length - mailsBefore,
        webhookCalls: calls.length,
        webhookSignaturesValid: calls.every((c) => c.validSignature),
        queuedMs: Math.round(queuedMs),
        deliveredMs: Math.round(deliveredMs),
        queuedUnder1s: queuedMs < 1000,
        deliveredUnder10s: deliveredMs < 10_000,
      }),
    );
  } finally {
    await app.close();
    await smtp.close();
    await receiver.close();
    await dropDatabase(databaseUrl);
    await dropQueueKeys(REDIS_URL, queuePrefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
