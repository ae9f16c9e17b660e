import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';
import { CATEGORY, countersAndLedger, expectProblem, grantQuota } from './quotas-support';

describe('quotas: grants, year cap, holds, ledger, country scoping', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let kg: string;
  let uz: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, 'ministry-kg': kg, 'ministry-uz': uz },
    } = await startApiApp({ users: ['admin', 'ministry-kg', 'ministry-uz'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds countries and the first category; admins add more, others may not', async () => {
    const countries = await request(server).get('/api/v1/countries').set('Authorization', admin).expect(200);
    expect(countries.body.map((c: { code: string }) => c.code)).toEqual(['KG', 'KZ', 'UZ']);
    const own = await request(server).get('/api/v1/countries').set('Authorization', kg).expect(200);
    expect(own.body.map((c: { code: string }) => c.code)).toEqual(['KG']);
    await request(server).post('/api/v1/countries').set('Authorization', admin).send({ code: 'TJ', name: 'Tajikistan' }).expect(201);
    expectProblem(await request(server).post('/api/v1/countries').set('Authorization', admin).send({ code: 'TJ', name: 'Again' }), 409);
    expectProblem(await request(server).post('/api/v1/countries').set('Authorization', admin).send({ code: 'tj', name: 'x' }), 400);
    expectProblem(await request(server).post('/api/v1/countries').set('Authorization', kg).send({ code: 'TM', name: 'x' }), 403);
    const cats = await request(server).get('/api/v1/quota-categories').set('Authorization', kg).expect(200);
    expect(cats.body.map((c: { code: string }) => c.code)).toEqual([CATEGORY]);
    await request(server).post('/api/v1/quota-categories').set('Authorization', admin).send({ code: 'ADULT_CNS', description: 'Adults, CNS' }).expect(201);
  });

  it('grants a quota with a GRANT ledger entry and an audit row; bad grants are 4xx', async () => {
    const q = await grantQuota(t, { countryCode: 'KG', year: 2027, granted: 30 });
    expect(q).toMatchObject({ countryCode: 'KG', year: 2027, category: CATEGORY, granted: 30, reserved: 0, used: 0, available: 30 });
    const ledger = await request(server).get(`/api/v1/quotas/${q.id}/ledger`).set('Authorization', admin).expect(200);
    expect(ledger.body.entries).toHaveLength(1);
    expect(ledger.body.entries[0]).toMatchObject({ kind: 'GRANT', deltaGranted: 30, actorUsername: 'admin', actorRole: 'ADMIN' });
    expect(ledger.body.consistent).toBe(true);
    const [audit] = await db.query(`SELECT action, username FROM audit_log WHERE entity = 'quota' AND entity_id = $1`, [q.id]);
    expect(audit).toEqual({ action: 'quota.grant', username: 'admin' });

    const post = (body: object, who = admin) => request(server).post('/api/v1/quotas').set('Authorization', who).send(body);
    expectProblem(await post({ countryCode: 'KG', year: 2027, category: CATEGORY, granted: 1 }), 409); // exists
    expectProblem(await post({ countryCode: 'KZ', year: 2027, category: CATEGORY, granted: 1 }), 422); // not a partner
    expectProblem(await post({ countryCode: 'XX', year: 2027, category: CATEGORY, granted: 1 }), 422);
    expectProblem(await post({ countryCode: 'KG', year: 2027, category: 'NOPE_CAT', granted: 1 }), 422);
    const invalid = await post({ countryCode: 'KG', year: 2027, category: CATEGORY, granted: -1 });
    expectProblem(invalid, 400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('granted');
    expectProblem(await post({ countryCode: 'KG', year: 2028, category: CATEGORY, granted: 1 }, kg), 403);
  });

  it("caps a year's grants at annualCapacity x crossBorderShare (800 x 0.15 = 120), POST and PATCH", async () => {
    const a = await grantQuota(t, { countryCode: 'KG', year: 2030, granted: 100 });
    const over = await request(server)
      .post('/api/v1/quotas')
      .set('Authorization', admin)
      .send({ countryCode: 'UZ', year: 2030, category: CATEGORY, granted: 21 });
    expectProblem(over, 409);
    expect(over.body).toMatchObject({ cap: 120, alreadyGranted: 100 });
    const b = await grantQuota(t, { countryCode: 'UZ', year: 2030, granted: 20 }); // exactly the cap
    expectProblem(await request(server).patch(`/api/v1/quotas/${a.id}`).set('Authorization', admin).send({ granted: 101 }), 409);
    // Lowering one frees room for the other; another year is not affected.
    await request(server).patch(`/api/v1/quotas/${a.id}`).set('Authorization', admin).send({ granted: 90 }).expect(200);
    await request(server).patch(`/api/v1/quotas/${b.id}`).set('Authorization', admin).send({ granted: 30 }).expect(200);
    await grantQuota(t, { countryCode: 'UZ', year: 2031, granted: 120 });
    // The cap follows the center settings.
    await db.query('UPDATE center_settings SET cross_border_share = 0.2 WHERE id = 1');
    await request(server).patch(`/api/v1/quotas/${a.id}`).set('Authorization', admin).send({ granted: 130 }).expect(200);
    await db.query('UPDATE center_settings SET cross_border_share = 0.15 WHERE id = 1');
  });

  it('a reservation says how many days it holds its places for', async () => {
    const q = await grantQuota(t, { countryCode: 'KG', year: 2035, granted: 2 });
    const short = await request(server).post(`/api/v1/quotas/${q.id}/reservations`).set('Authorization', kg).send({ count: 1, holdDays: 3 }).expect(201);
    expect(short.body).toMatchObject({ count: 1, holdDays: 3 });
    expect((await request(server).get(`/api/v1/reservations/${short.body.id}`).set('Authorization', kg).expect(200)).body.holdDays).toBe(3);
  });

  it('holds places, refuses more than available with 409 problem+json, releases, and never lowers granted below reserved + used', async () => {
    const q = await grantQuota(t, { countryCode: 'KG', year: 2032, granted: 5 });
    const hold = await request(server).post(`/api/v1/quotas/${q.id}/reservations`).set('Authorization', kg).send({ count: 3 }).expect(201);
    expect(hold.body).toMatchObject({ count: 3, remaining: 3, holdDays: 14, status: 'HELD', quotaId: q.id, countryCode: 'KG' });
    const days = (Date.parse(hold.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const refused = await request(server).post(`/api/v1/quotas/${q.id}/reservations`).set('Authorization', kg).send({ count: 3 });
    expectProblem(refused, 409);
    expect(refused.body).toMatchObject({ available: 2, requested: 3 });
    expectProblem(await request(server).post(`/api/v1/quotas/${q.id}/reservations`).set('Authorization', kg).send({ count: 0 }), 400);
    expectProblem(await request(server).post(`/api/v1/quotas/${q.id}/reservations`).set('Authorization', kg).send({ count: 1, holdDays: 0 }), 400);

    const lower = await request(server).patch(`/api/v1/quotas/${q.id}`).set('Authorization', admin).send({ granted: 2 });
    expectProblem(lower, 409);
    expect(lower.body.type).toMatch(/quota-below-commitments/);
    await request(server).patch(`/api/v1/quotas/${q.id}`).set('Authorization', admin).send({ granted: 3 }).expect(200);

    const released = await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', kg).expect(200);
    expect(released.body).toMatchObject({ status: 'RELEASED', remaining: 0 });
    expectProblem(await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', kg), 409);
    await request(server).patch(`/api/v1/quotas/${q.id}`).set('Authorization', admin).send({ granted: 0 }).expect(200);

    const ledger = await request(server).get(`/api/v1/quotas/${q.id}/ledger`).set('Authorization', kg).expect(200);
    expect(ledger.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['GRANT', 'RESERVE', 'GRANT', 'RELEASE', 'GRANT']);
    expect(ledger.body.entries[1]).toMatchObject({ actorUsername: 'ministry-kg', actorRole: 'MINISTRY', reservationId: hold.body.id });
    expect(ledger.body.sums).toEqual({ granted: 0, reserved: 0, used: 0 });
    expect(ledger.body.consistent).toBe(true);
  });

  it('keeps the invariant in the database: the ledger is append-only and counters move only through it', async () => {
    const q = await grantQuota(t, { countryCode: 'KG', year: 2033, granted: 2 });
    // A plain client, as a person with psql would have (and without TypeORM logging each refusal).
    const sql = new Client({ connectionString: t.db.url });
    await sql.connect();
    try {
      await expect(sql.query('UPDATE quota_ledger SET delta_granted = 100 WHERE quota_id = $1', [q.id])).rejects.toThrow(/append-only/);
      await expect(sql.query('DELETE FROM quota_ledger WHERE quota_id = $1', [q.id])).rejects.toThrow(/append-only/);
      await expect(sql.query('TRUNCATE quota_ledger CASCADE')).rejects.toThrow(/append-only/);
      await expect(sql.query('UPDATE quotas SET granted = 50 WHERE id = $1', [q.id])).rejects.toThrow(/only through quota_ledger/);
      await expect(
        sql.query(`INSERT INTO quota_ledger (quota_id, kind, delta_reserved, actor_username, actor_role) VALUES ($1, 'RESERVE', 3, 'x', 'ADMIN')`, [q.id]),
      ).rejects.toThrow(/quotas_never_overdrawn/);
    } finally {
      await sql.end();
    }
    expect(await countersAndLedger(db, q.id)).toMatchObject({ granted: 2, reserved: 0, used: 0, sum_granted: 2, sum_reserved: 0 });
  });

  it('shows a ministry only its own country: lists filtered, other ids 404', async () => {
    const kgQuota = await grantQuota(t, { countryCode: 'KG', year: 2034, granted: 4 });
    const hold = await request(server).post(`/api/v1/quotas/${kgQuota.id}/reservations`).set('Authorization', admin).send({ count: 1 }).expect(201);

    const uzQuotas = await request(server).get('/api/v1/quotas?countryCode=KG').set('Authorization', uz).expect(200);
    expect(uzQuotas.body).toEqual([]);
    const uzAll = await request(server).get('/api/v1/quotas').set('Authorization', uz).expect(200);
    expect(uzAll.body.every((q: { countryCode: string }) => q.countryCode === 'UZ')).toBe(true);
    const kgList = await request(server).get('/api/v1/quotas?year=2034').set('Authorization', kg).expect(200);
    expect(kgList.body.map((q: { id: string }) => q.id)).toEqual([kgQuota.id]);
    const uzRes = await request(server).get('/api/v1/reservations').set('Authorization', uz).expect(200);
    expect(uzRes.body).toEqual([]);
    expect((await request(server).get('/api/v1/reservations?countryCode=KG').set('Authorization', uz).expect(200)).body).toEqual([]);
    const adminKg = await request(server).get('/api/v1/reservations?countryCode=KG').set('Authorization', admin).expect(200);
    expect(adminKg.body.map((r: { id: string }) => r.id)).toContain(hold.body.id);
    expect((await request(server).get('/api/v1/reservations?countryCode=UZ').set('Authorization', admin).expect(200)).body).toEqual([]);

    expectProblem(await request(server).get(`/api/v1/quotas/${kgQuota.id}`).set('Authorization', uz), 404);
    expectProblem(await request(server).get(`/api/v1/quotas/${kgQuota.id}/ledger`).set('Authorization', uz), 404);
    expectProblem(await request(server).post(`/api/v1/quotas/${kgQuota.id}/reservations`).set('Authorization', uz).send({ count: 1 }), 404);
    expectProblem(await request(server).get(`/api/v1/reservations/${hold.body.id}`).set('Authorization', uz), 404);
    expectProblem(await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', uz), 404);
    expectProblem(
      await request(server)
        .get('/api/v1/quotas')
        .set('Authorization', await bearer(t, 'coordinator')),
      403,
    );
    // Nothing changed by the refused calls.
    expect(await countersAndLedger(db, kgQuota.id)).toMatchObject({ granted: 4, reserved: 1, used: 0, sum_reserved: 1 });
    const kgRes = await request(server).get(`/api/v1/reservations?quotaId=${kgQuota.id}`).set('Authorization', kg).expect(200);
    expect(kgRes.body.map((r: { id: string }) => r.id)).toEqual([hold.body.id]);
  });
  it('documents every quota, reservation, referral and country route in OpenAPI with its bearer auth', async () => {
    const doc = await request(server).get('/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const [path, method] of [
      ['/api/v1/quotas', 'get'],
      ['/api/v1/quotas', 'post'],
      ['/api/v1/quotas/{id}', 'patch'],
      ['/api/v1/quotas/{id}/ledger', 'get'],
      ['/api/v1/quotas/{id}/reservations', 'post'],
      ['/api/v1/reservations', 'get'],
      ['/api/v1/reservations/{id}', 'delete'],
      ['/api/v1/referrals', 'post'],
      ['/api/v1/referrals', 'get'],
      ['/api/v1/countries', 'post'],
      ['/api/v1/quota-categories', 'post'],
    ]) {
      expect(paths[path]?.[method]).toBeDefined();
      expect(paths[path][method].security).toBeDefined();
    }
    const schemas = doc.body.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    expect(Object.keys(schemas.CreateReferralDto.properties).sort()).toEqual(['course', 'patient', 'quotaId', 'reservationId']);
    expect(schemas.ReferralPatientDto.properties).not.toHaveProperty('countryCode');
    expect(schemas.ReferralCourseDto.properties).not.toHaveProperty('patientId');
    // Each answer a client gets on success is described, not only the 409.
    const answers = doc.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    for (const [path, method, status] of [
      ['/api/v1/quotas', 'post', '201'],
      ['/api/v1/quotas/{id}', 'patch', '200'],
      ['/api/v1/quotas/{id}/reservations', 'post', '201'],
      ['/api/v1/reservations/{id}', 'delete', '200'],
      ['/api/v1/referrals', 'post', '201'],
    ]) {
      expect(answers[path][method].responses[status]).toBeDefined();
    }
    expect(schemas.ReservationView.properties).toHaveProperty('holdDays');
  });
});
