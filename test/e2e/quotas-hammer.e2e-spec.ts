import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { countersAndLedger, grantQuota, secondKgMinistry } from './quotas-support';

/** mulberry32: a seeded generator so a failing run can be replayed with the same request sizes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [20261127, 7, 424242];

describe('quotas hammer: concurrent holds never overdraw a quota', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let callers: string[];
  let uz: string;

  beforeAll(async () => {
    const app = await startApiApp({ users: ['ministry-kg', 'admin', 'ministry-uz'] });
    ({ t, server, db } = app);
    callers = [app.auth['ministry-kg'], await secondKgMinistry(t), app.auth.admin];
    uz = app.auth['ministry-uz'];
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(SEEDS)('64 concurrent holds of random sizes (seed %i) from two KG ministries and the admin against 10 places', async (seed) => {
    const year = 2040 + SEEDS.indexOf(seed);
    const quota = await grantQuota(t, { countryCode: 'KG', year, granted: 10 });
    const random = rng(seed);
    const sizes = Array.from({ length: 64 }, () => 1 + Math.floor(random() * 4));
    const holds = sizes.map((count, i) =>
      request(server)
        .post(`/api/v1/quotas/${quota.id}/reservations`)
        .set('Authorization', callers[i % callers.length])
        .send({ count }),
    );
    // Another country's ministry joins the burst: it must not even see the quota.
    const foreign = Array.from({ length: 8 }, () =>
      request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', uz).send({ count: 1 }),
    );
    const [results, foreignResults] = await Promise.all([Promise.all(holds), Promise.all(foreign)]);

    const granted = results.filter((r) => r.status === 201);
    const refused = results.map((r, i) => ({ r, size: sizes[i] })).filter(({ r }) => r.status !== 201);
    const held = granted.reduce((sum, r) => sum + (r.body.count as number), 0);
    expect(held).toBeLessThanOrEqual(10);
    expect(granted.length).toBeGreaterThan(0);
    for (const { r } of refused) {
      expect(r.status).toBe(409);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body.type).toMatch(/not-enough-places/);
    }
    // No release happens during the burst, so availability only shrinks: a refusal is only
    // legitimate if the request is larger than what is left at the end.
    const left = 10 - held;
    for (const { r, size } of refused) {
      expect(r.body.requested).toBe(size);
      expect(size).toBeGreaterThan(left);
    }
    for (const r of foreignResults) expect(r.status).toBe(404);

    const c = await countersAndLedger(db, quota.id);
    expect(c).toMatchObject({ granted: 10, reserved: held, used: 0, sum_granted: 10, sum_reserved: held, sum_used: 0, held_remaining: held });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM quota_ledger WHERE quota_id = $1 AND kind = 'RESERVE'`, [quota.id]);
    expect(n).toBe(granted.length);
    const ledger = await request(server).get(`/api/v1/quotas/${quota.id}/ledger`).set('Authorization', callers[1]).expect(200);
    expect(ledger.body.consistent).toBe(true);
    expect(ledger.body.quota.available).toBe(left);
  });

  it('reports the ledger consistent while holds come and go (counters and entries read from one snapshot)', async () => {
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2043, granted: 20 });
    let stop = false;
    let churned = 0;
    const churn = async (caller: string) => {
      while (!stop) {
        const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', caller).send({ count: 1 }).expect(201);
        await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', caller).expect(200);
        churned++;
      }
    };
    const churners = [churn(callers[0]), churn(callers[1])];
    const reports: Array<{ consistent: boolean }> = [];
    try {
      for (let i = 0; i < 120; i++)
        reports.push((await request(server).get(`/api/v1/quotas/${quota.id}/ledger`).set('Authorization', callers[0]).expect(200)).body);
    } finally {
      stop = true;
      await Promise.all(churners);
    }
    expect(churned).toBeGreaterThan(10);
    // Read one after the other, a hold committed between the two reads made a sound quota look inconsistent.
    expect(reports.filter((r) => !r.consistent)).toHaveLength(0);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 20, reserved: 0, sum_reserved: 0 });
  });
});
