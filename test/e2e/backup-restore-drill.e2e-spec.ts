import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { dropDatabase } from '../../src/database/database-admin';
import { tableCounts } from '../../src/database/backup';
import { checkInvariants } from '../../src/database/invariants';
import { bearer } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { TEST_PG_BASE } from '../support/test-env';
import { countersAndLedger, grantQuota, referralBody } from './quotas-support';
import { Api, apiFor, Appt, createCourse, createPatient, dateIn, insertRooms, waitForCourses } from './scheduling-fixtures';

const ROOT = join(__dirname, '..', '..');
const sh = promisify(execFile);

/** `npm run -s NAME -- ARGS` (the scripts as an operator runs them), with this test's database. */
function npmScript(databaseUrl: string, script: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return sh('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 64 * 1024 * 1024 });
}

/** Every table's rows as one digest, so "equal" means the same rows, not only as many. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const name of Object.keys(await tableCounts(url))) {
      const { rows } = await client.query(`SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM "${name}" t`);
      out[name] = rows[0].d;
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('backup and restore drill (issue #24 item 9): npm run backup, npm run restore into a fresh database', () => {
  let t: TestApp;
  let api: Api;
  let dir: string;
  let quotaId: string;
  const restored: string[] = [];
  const suffix = Math.random().toString(16).slice(2, 10);
  const urlOf = (name: string) => `${TEST_PG_BASE}/${name}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beamtime-backup-'));
    t = await createTestApp(); // API and in-process workers: submitted courses get booked
    api = await apiFor(t);
    await insertRooms(t, ['G1', 'G2']);
  });
  afterAll(async () => {
    for (const name of restored) await dropDatabase(urlOf(name));
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds and works: courses booked and moved, one cancelled, a quota held, referred and released', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const course = await createCourse(api, await createPatient(api, { lastName: `Drill${i}` }), { fractions: 6 + i });
      await api.post(`/courses/${course.id}/submit`).expect(202);
      ids.push(course.id);
    }
    await waitForCourses(t, ids, ['SCHEDULED'], 60_000);
    const appts: Appt[] = (await api.get(`/courses/${ids[0]}/appointments`).expect(200)).body;
    const [alt] = (await api.get(`/appointments/${appts[0].id}/alternatives?limit=1`).expect(200)).body;
    await api.post(`/appointments/${appts[0].id}/move`, { roomId: alt.roomId, start: alt.start, reason: 'drill' }).expect(200);
    await api.post(`/courses/${ids[3]}/cancel`, { reason: 'drill' }).expect(200);

    quotaId = (await grantQuota(t, { countryCode: 'KG', year: Number(dateIn(0).slice(0, 4)), granted: 12 })).id;
    const hold = (await api.post(`/quotas/${quotaId}/reservations`, { count: 3, holdDays: 14 }, 'ministry-kg').expect(201)).body.id;
    const referral = await api.post('/referrals', referralBody(hold, { earliestStart: dateIn(7) }), 'ministry-kg').expect(201);
    await request(t.app.getHttpServer())
      .delete(`/api/v1/reservations/${hold}`)
      .set('Authorization', await bearer(t, 'ministry-kg'))
      .expect(200);
    await waitForCourses(t, [referral.body.courseId], ['SCHEDULED'], 60_000);
  }, 120_000);

  it('restores a file backup into a fresh database where every invariant holds and every table has the same rows', async () => {
    const file = join(dir, 'beamtime.dump');
    const backup = await npmScript(t.db.url, 'backup', [file]);
    expect(backup.stdout).toBe(''); // messages go to stderr, so `-` (stdout) carries only the dump
    expect(backup.stderr).toMatch(/backup: .* → .*beamtime\.dump \(\d+ bytes\) in \d+ ms/);
    expect(statSync(file).size).toBeGreaterThan(1000);
    // Work after the backup is not in it: the restore shows the instant the dump was taken.
    const source = { counts: await tableCounts(t.db.url), digests: await tableDigests(t.db.url) };
    await api.post(`/courses/${(await createCourse(api, await createPatient(api))).id}/submit`).expect(202);

    const name = `beamtime_restore_${suffix}`;
    restored.push(name);
    const restore = await npmScript(t.db.url, 'restore', [file, name]);
    expect(restore.stdout).toMatch(new RegExp(`restore: .*beamtime\\.dump → database ${name} in \\d+ ms`));
    const copy = urlOf(name);
    expect(await tableCounts(copy)).toEqual(source.counts);
    expect(await tableDigests(copy)).toEqual(source.digests);
    expect(source.counts.appointments).toBeGreaterThan(20);
    expect(source.counts.audit_log).toBeGreaterThan(10);

    expect((await checkInvariants(copy)).problems).toEqual([]);
    // The same facts checked independently of checkInvariants: counters = ledger, append-only audit log that continues.
    const client = new Client({ connectionString: copy });
    await client.connect();
    try {
      const viaClient = { query: (sql: string, params: unknown[]) => client.query(sql, params).then((r) => r.rows) } as unknown as DataSource;
      const ledger = await countersAndLedger(viaClient, quotaId);
      expect([ledger.granted, ledger.reserved, ledger.used]).toEqual([ledger.sum_granted, ledger.sum_reserved, ledger.sum_used]);
      expect([ledger.granted, ledger.reserved, ledger.used]).toEqual([12, 0, 1]); // held 3, referred 1, released the rest
      const { rows: overlaps } = await client.query(
        `SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.id < b.id AND a.status = 'BOOKED' AND b.status = 'BOOKED'
          AND ((a.room_id = b.room_id AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end"))
            OR (a.beam_line = b.beam_line AND tstzrange(a.beam_start, a.beam_end) && tstzrange(b.beam_start, b.beam_end)))`,
      );
      expect(overlaps[0].n).toBe(0);
      await expect(client.query(`UPDATE audit_log SET action = 'forged' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      const { rows: last } = await client.query('SELECT max(id)::text AS id FROM audit_log');
      const { rows: added } = await client.query(
        `INSERT INTO audit_log (username, role, action, entity, entity_id) VALUES ('drill', 'SYSTEM', 'drill.check', 'drill', '1') RETURNING id::bigint AS id`,
      );
      expect(BigInt(added[0].id)).toBeGreaterThan(BigInt(last[0].id));
    } finally {
      await client.end();
    }
  }, 180_000);

  it('streams a backup through stdout into a restore from stdin, and never restores over an existing database', async () => {
    const name = `beamtime_restore_pipe_${suffix}`;
    restored.push(name);
    const env = { ...process.env, DATABASE_URL: t.db.url };
    await sh('bash', ['-o', 'pipefail', '-c', `npm run -s backup -- - | npm run -s restore -- - ${name}`], { cwd: ROOT, env });
    expect((await checkInvariants(urlOf(name))).problems).toEqual([]);
    expect((await tableCounts(urlOf(name))).appointments).toBe((await tableCounts(t.db.url)).appointments);

    // The checks can fail: a copy whose ledger trigger was dropped on the way, and a row slipped past it.
    const client = new Client({ connectionString: urlOf(name) });
    await client.connect();
    try {
      await client.query('ALTER TABLE quota_ledger DISABLE TRIGGER quota_ledger_apply');
      await client.query(`INSERT INTO quota_ledger (quota_id, kind, delta_granted, actor_username, actor_role) VALUES ($1, 'GRANT', 1, 'drill', 'ADMIN')`, [
        quotaId,
      ]);
    } finally {
      await client.end();
    }
    const broken = (await checkInvariants(urlOf(name))).problems;
    expect(broken).toEqual([
      expect.stringMatching(/^quota counters equal their ledger: quota .*: counters 12\/0\/1 but ledger 13\/0\/1$/),
      'the audit log and the quota ledger stay append-only: missing or disabled trigger quota_ledger_apply',
    ]);

    const again = npmScript(t.db.url, 'restore', [join(dir, 'beamtime.dump'), name]);
    await expect(again).rejects.toMatchObject({ stderr: expect.stringMatching(new RegExp(`restore failed: database ${name} already exists`)) });
  }, 180_000);
});
