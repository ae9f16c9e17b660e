import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DemoSeedReport, DemoSeedService, NEXT_YEAR_FROM_MONTH } from '../../src/demo/demo-seed.service';
import { createTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'walkthrough-demo-password';
/** A short window keeps the seed (and its allocation by the workers) to a few seconds. */
const WINDOW_DAYS = 21;
const TABLES = ['rooms', 'center_settings', 'users', 'patients', 'courses', 'quotas', 'quota_reservations', 'quota_ledger', 'referrals', 'audit_log'];

/**
 * Proves the README: the demo seed on a fresh database (idempotent), then scripts/walkthrough.sh,
 * which runs every walkthrough block of README.md as written against this app and checks each answer.
 */
describe('demo seed and README walkthrough', () => {
  let t: TestApp;
  let db: DataSource;
  let first: DemoSeedReport;

  beforeAll(async () => {
    t = await createTestApp({ role: 'all' });
    await t.app.listen(0, '127.0.0.1');
    db = t.app.get<DataSource>(getDataSourceToken());
    first = await DemoSeedService.fromApp(t.app).run({ password: PASSWORD, windowDays: WINDOW_DAYS });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    return out;
  }

  async function waitUntilAllocated(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [{ queued }] = await db.query(`SELECT count(*)::int AS queued FROM courses WHERE status IN ('DRAFT', 'QUEUED')`);
      if (queued === 0) return;
      if (Date.now() > until) throw new Error(`${queued} demo courses still not allocated`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('seeds the center, accounts, quotas with holds and referrals, and submits every course', async () => {
    expect(first.centerRoomsCreated).toEqual(['G1', 'G2', 'G3']);
    expect(first.usersCreated.sort()).toEqual(['admin', 'coordinator', 'ministry-kg', 'ministry-uz']);
    // Seeded in the last quarter (issue 19: 33 places lapsed on 31 December with no next year), next year's quotas are granted too.
    const year = Number((await db.query(`SELECT to_char(now() AT TIME ZONE time_zone, 'YYYY') AS y FROM center_settings`))[0].y);
    const month = Number((await db.query(`SELECT to_char(now() AT TIME ZONE time_zone, 'MM') AS m FROM center_settings`))[0].m);
    const nextYear = month >= NEXT_YEAR_FROM_MONTH;
    expect(first.quotasCreated.sort()).toEqual([`KG ${year}`, `UZ ${year}`, ...(nextYear ? [`KG ${year + 1}`, `UZ ${year + 1}`] : [])].sort());
    expect(first.cases).toBeGreaterThan(20);
    expect(first.coursesCreated).toBe(first.cases);
    expect(first.coursesSubmitted).toBe(first.cases);

    const quotas: Array<{ country_code: string; granted: number; reserved: number; used: number }> = await db.query(
      `SELECT country_code, granted, reserved, used FROM quotas WHERE year = $1 ORDER BY country_code`,
      [year],
    );
    expect(quotas).toEqual([
      { country_code: 'KG', granted: 40, reserved: 2, used: first.referralsCreated },
      { country_code: 'UZ', granted: 20, reserved: 3, used: 0 },
    ]);
    const next = await db.query(`SELECT country_code, granted, reserved, used FROM quotas WHERE year = $1 ORDER BY country_code`, [year + 1]);
    expect(next).toEqual(
      nextYear
        ? [
            { country_code: 'KG', granted: 40, reserved: 0, used: 0 },
            { country_code: 'UZ', granted: 20, reserved: 0, used: 0 },
          ]
        : [],
    );
    const referred = await db.query(`SELECT count(*)::int AS n FROM courses WHERE referral_country_code = 'KG'`);
    expect(referred[0].n).toBe(first.referralsCreated);
    // Everything written by the seed is audited under its own name.
    const [{ n: seedAudit }] = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE username = 'demo-seed'`);
    expect(seedAudit).toBeGreaterThanOrEqual(first.cases * 3);
  });

  it('lets the real workers book every demo course, without a broken rule the database would catch', async () => {
    await waitUntilAllocated(90_000);
    const statuses: Array<{ status: string; n: number }> = await db.query(`SELECT status, count(*)::int AS n FROM courses GROUP BY status`);
    expect(statuses).toEqual([{ status: 'SCHEDULED', n: first.cases }]);
    const [{ missing }] = await db.query(
      `SELECT count(*)::int AS missing FROM courses c
        WHERE (SELECT count(*) FROM appointments a WHERE a.course_id = c.id AND a.status = 'BOOKED') <> c.fractions`,
    );
    expect(missing).toBe(0);
    // Rule 5: nothing before the submission (to the second: a slot on the minute of submission but
    // before its seconds is already in the past).
    const early = await db.query(
      `SELECT a.course_id, a.fraction, a.start, c.submitted_at, c.urgency, c.earliest_start, a.created_at
         FROM appointments a JOIN courses c ON c.id = a.course_id WHERE a.start < c.submitted_at`,
    );
    expect(early).toEqual([]);
  });

  it('is idempotent: a second run creates nothing and changes no table', async () => {
    const before = await counts();
    const again = await DemoSeedService.fromApp(t.app).run({ password: PASSWORD, windowDays: WINDOW_DAYS });
    expect(again).toMatchObject({
      centerRoomsCreated: [],
      usersCreated: [],
      quotasCreated: [],
      holdsCreated: 0,
      referralsCreated: 0,
      patientsCreated: 0,
      coursesCreated: 0,
      coursesSubmitted: 0,
      cases: first.cases,
      anchorDate: first.anchorDate,
    });
    expect(await counts()).toEqual(before);
  });

  it('runs every README walkthrough step as written, each answer checked (scripts/walkthrough.sh)', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const { code, output } = await runScript(join(__dirname, '../../scripts/walkthrough.sh'), {
      API: `http://127.0.0.1:${port}/api/v1`,
      DEMO_PASSWORD: PASSWORD,
    });
    if (code !== 0) throw new Error(`walkthrough failed (exit ${code}):\n${output.slice(-4000)}`);
    for (const step of ['setup', 'coordinator', 'appointments', 'ministry', 'forecast']) expect(output).toContain(`== ${step}`);
    expect(output).toContain('WALKTHROUGH OK');
  }, 240_000);

  it('fails loudly when an answer differs from the README (the check can fail)', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const { code, output } = await runScript(join(__dirname, '../../scripts/walkthrough.sh'), {
      API: `http://127.0.0.1:${port}/api/v1`,
      DEMO_PASSWORD: 'not-the-password',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/401/);
    expect(output).not.toContain('WALKTHROUGH OK');
  }, 60_000);
});

/** Async on purpose: the app under test lives in this process and must keep answering. */
function runScript(path: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
