import request from 'supertest';
import { DataSource } from 'typeorm';
import { JOBS, jobId } from '../../src/queue/jobs/job-catalog';
import { JobRepository } from '../../src/queue/job.repository';
import { QUEUES } from '../../src/queue/queue-names';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';
import { countersAndLedger, expectProblem, grantQuota, referralBody, waitFor } from './quotas-support';

const expireHoldJobId = (reservationId: string) => jobId(JOBS.expireHold, { reservationId });

// QUOTA_HOLD_UNIT_SECONDS=2 makes one hold day last two seconds; nothing else about expiry changes.
const HOLD_UNIT_SECONDS = 2;

async function reservationRow(db: DataSource, id: string) {
  const [row]: Array<{ status: string; remaining: number; expires_at: Date; closed_at: Date | null }> = await db.query(
    'SELECT status, remaining, expires_at, closed_at FROM quota_reservations WHERE id = $1',
    [id],
  );
  return row;
}

describe('hold expiry through the delayed job (sweep off)', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let kg: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { 'ministry-kg': kg },
    } = await startApiApp({
      env: { QUOTA_HOLD_UNIT_SECONDS: String(HOLD_UNIT_SECONDS), RECONCILER_ENABLED: 'false' },
      users: ['ministry-kg'],
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns the places at expiresAt, writes EXPIRE, and a referral against the expired hold answers 409', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2027, granted: 6 });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 4, holdDays: 1 }).expect(201);
    const expiresAt = Date.parse(hold.body.expiresAt);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(HOLD_UNIT_SECONDS * 1000);
    expect((await countersAndLedger(db, quota.id)).reserved).toBe(4);

    const row = await waitFor(async () => {
      const r = await reservationRow(db, hold.body.id);
      return r.status === 'HELD' ? undefined : r;
    }, 15_000);
    expect(row).toMatchObject({ status: 'EXPIRED', remaining: 0 });
    // Not before its time, and promptly after it (the delayed job, not a sweep: the sweep is off).
    const lateBy = new Date(row.closed_at as Date).getTime() - expiresAt;
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThan(3000);

    const c = await countersAndLedger(db, quota.id);
    expect(c).toMatchObject({ granted: 6, reserved: 0, used: 0, sum_reserved: 0, held_remaining: 0 });
    const ledger = await request(server).get(`/api/v1/quotas/${quota.id}/ledger`).set('Authorization', kg).expect(200);
    expect(ledger.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['GRANT', 'RESERVE', 'EXPIRE']);
    expect(ledger.body.entries[2]).toMatchObject({ deltaReserved: -4, reservationId: hold.body.id, actorRole: 'SYSTEM' });
    expect(ledger.body.quota.available).toBe(6);

    const refer = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(referralBody(hold.body.id));
    expectProblem(refer, 409);
    expect(refer.body.reservationStatus).toBe('EXPIRED');
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM patients');
    expect(n).toBe(0);
    expectProblem(await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', kg), 409);
  });

  it('refuses a referral once expiresAt has passed even if the expiry job never ran', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2028, granted: 2 });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 1, holdDays: 1 }).expect(201);
    const job = await t.app.get(JobRepository).queue(QUEUES.quotaHolds).getJob(expireHoldJobId(hold.body.id));
    expect(job).toBeDefined();
    await job!.remove();
    await new Promise((resolve) => setTimeout(resolve, HOLD_UNIT_SECONDS * 1000 + 300));
    expect((await reservationRow(db, hold.body.id)).status).toBe('HELD');
    const refer = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(referralBody(hold.body.id));
    expectProblem(refer, 409);
    expect(refer.body.type).toMatch(/reservation-expired/);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ reserved: 1, used: 0, sum_reserved: 1, sum_used: 0 });
  });

  it('DELETE on a hold past expiresAt whose job has not run expires it (EXPIRE, 409), it does not release it as if held until now', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2030, granted: 3 });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 2, holdDays: 1 }).expect(201);
    await (await t.app.get(JobRepository).queue(QUEUES.quotaHolds).getJob(expireHoldJobId(hold.body.id)))!.remove();
    await new Promise((resolve) => setTimeout(resolve, HOLD_UNIT_SECONDS * 1000 + 300));
    expect((await reservationRow(db, hold.body.id)).status).toBe('HELD');

    const release = await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', kg);
    expectProblem(release, 409);
    expect(release.body).toMatchObject({ type: expect.stringMatching(/reservation-expired/), reservationStatus: 'EXPIRED' });
    expect((await reservationRow(db, hold.body.id)).status).toBe('EXPIRED');
    const kinds = (await db.query('SELECT kind FROM quota_ledger WHERE quota_id = $1 ORDER BY id', [quota.id])).map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(['GRANT', 'RESERVE', 'EXPIRE']);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 3, reserved: 0, used: 0, sum_reserved: 0, held_remaining: 0 });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'reservation.expire'`, [hold.body.id]);
    expect(n).toBe(1);
    // Exactly once: a second DELETE finds it closed and changes nothing.
    expectProblem(await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', kg), 409);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ reserved: 0, sum_reserved: 0 });
  });

  it('a new hold gets the places of a hold past expiresAt even if its expiry job never ran (EXPIRE first, then RESERVE)', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2031, granted: 3 });
    const old = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 3, holdDays: 1 }).expect(201);
    await (await t.app.get(JobRepository).queue(QUEUES.quotaHolds).getJob(expireHoldJobId(old.body.id)))!.remove();
    // Not yet due: the places are still held.
    expectProblem(await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 2 }), 409);
    await new Promise((resolve) => setTimeout(resolve, HOLD_UNIT_SECONDS * 1000 + 300));

    const fresh = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 2 });
    expect(fresh.status).toBe(201);
    expect((await reservationRow(db, old.body.id)).status).toBe('EXPIRED');
    const kinds = (await db.query('SELECT kind FROM quota_ledger WHERE quota_id = $1 ORDER BY id', [quota.id])).map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(['GRANT', 'RESERVE', 'EXPIRE', 'RESERVE']);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 3, reserved: 2, sum_reserved: 2, held_remaining: 2 });
  });

  it('lowering a grant counts no hold past expiresAt whose expiry job never ran (EXPIRE first, then GRANT)', async () => {
    const admin = await bearer(t, 'admin');
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2032, granted: 4 });
    const old = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 3, holdDays: 1 }).expect(201);
    await (await t.app.get(JobRepository).queue(QUEUES.quotaHolds).getJob(expireHoldJobId(old.body.id)))!.remove();
    expectProblem(await request(server).patch(`/api/v1/quotas/${quota.id}`).set('Authorization', admin).send({ granted: 1 }), 409);
    await new Promise((resolve) => setTimeout(resolve, HOLD_UNIT_SECONDS * 1000 + 300));

    const lowered = await request(server).patch(`/api/v1/quotas/${quota.id}`).set('Authorization', admin).send({ granted: 1 });
    expect(lowered.status).toBe(200);
    expect(lowered.body).toMatchObject({ granted: 1, reserved: 0, available: 1 });
    expect((await reservationRow(db, old.body.id)).status).toBe('EXPIRED');
    const kinds = (await db.query('SELECT kind FROM quota_ledger WHERE quota_id = $1 ORDER BY id', [quota.id])).map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(['GRANT', 'RESERVE', 'EXPIRE', 'GRANT']);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 1, reserved: 0, sum_granted: 1, sum_reserved: 0 });
  });

  it('an expiry job that fires early waits until the hold is due instead of expiring it', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2029, granted: 2 });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 2, holdDays: 1 }).expect(201);
    const queue = t.app.get(JobRepository).queue(QUEUES.quotaHolds);
    await (await queue.getJob(expireHoldJobId(hold.body.id)))!.remove();
    // As if a host with a fast clock had scheduled it: due now, while the hold runs for 2 s more.
    await queue.add(JOBS.expireHold.name, { reservationId: hold.body.id }, { jobId: expireHoldJobId(hold.body.id) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await reservationRow(db, hold.body.id)).status).toBe('HELD');
    const row = await waitFor(async () => {
      const r = await reservationRow(db, hold.body.id);
      return r.status === 'HELD' ? undefined : r;
    }, 15_000);
    const lateBy = new Date(row.closed_at as Date).getTime() - Date.parse(hold.body.expiresAt);
    expect(row.status).toBe('EXPIRED');
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThan(3000);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ reserved: 0, sum_reserved: 0 });
  });
});

describe('the sweep expires a hold whose delayed job was lost', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, db } = await startApiApp({
      env: { QUOTA_HOLD_UNIT_SECONDS: String(HOLD_UNIT_SECONDS), RECONCILER_ENABLED: 'true', QUOTA_HOLD_SWEEP_EVERY_MS: '500' },
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('expires it with an EXPIRE ledger entry shortly after expiresAt', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2027, granted: 3 });
    const hold = await request(t.app.getHttpServer())
      .post(`/api/v1/quotas/${quota.id}/reservations`)
      .set('Authorization', await bearer(t, 'ministry-kg'))
      .send({ count: 2, holdDays: 1 })
      .expect(201);
    const job = await t.app.get(JobRepository).queue(QUEUES.quotaHolds).getJob(expireHoldJobId(hold.body.id));
    await job!.remove();
    const row = await waitFor(async () => {
      const r = await reservationRow(db, hold.body.id);
      return r.status === 'HELD' ? undefined : r;
    }, 15_000);
    expect(row.status).toBe('EXPIRED');
    expect(new Date(row.closed_at as Date).getTime()).toBeGreaterThanOrEqual(Date.parse(hold.body.expiresAt));
    const kinds: Array<{ kind: string; delta_reserved: number }> = await db.query(
      'SELECT kind, delta_reserved FROM quota_ledger WHERE quota_id = $1 ORDER BY id',
      [quota.id],
    );
    expect(kinds).toEqual([
      { kind: 'GRANT', delta_reserved: 0 },
      { kind: 'RESERVE', delta_reserved: 2 },
      { kind: 'EXPIRE', delta_reserved: -2 },
    ]);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ reserved: 0, sum_reserved: 0 });
  });
});
