import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

describe('Idempotency-Key on POST (through POST /users)', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;

  const countUsers = async (username: string): Promise<number> =>
    Number(((await db.query('SELECT count(*) AS n FROM users WHERE username = $1', [username])) as Array<{ n: string }>)[0].n);
  const countAudit = async (action: string): Promise<number> =>
    Number(((await db.query('SELECT count(*) AS n FROM audit_log WHERE action = $1', [action])) as Array<{ n: string }>)[0].n);

  beforeAll(async () => {
    ({ t, server, db, auth: { admin } } = await startApiApp({ users: ['admin'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  const body = { username: 'idem-user', password: 'long-enough-pw', role: 'COORDINATOR' };

  it('replays the first response to a retry and creates one row, not two', async () => {
    const auditBefore = await countAudit('user.create');
    const first = await request(server).post('/api/v1/users').set('Authorization', admin).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same body with keys in another order is the same request.
    const retry = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-1')
      .send({ role: 'COORDINATOR', password: 'long-enough-pw', username: 'idem-user' })
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countUsers('idem-user')).toBe(1);
    expect(await countAudit('user.create')).toBe(auditBefore + 1);
  });

  it('answers the same key with another body with 422 problem+json and changes nothing', async () => {
    const res = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-1')
      .send({ ...body, username: 'idem-other' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/idempotency-key-reused$/);
    expect(await countUsers('idem-other')).toBe(0);
  });

  it('without a key, a second identical POST is a new request (409 taken username)', async () => {
    await request(server).post('/api/v1/users').set('Authorization', admin).send(body).expect(409);
  });

  it('scopes keys per user: another admin reusing the key makes a new request, not a 422', async () => {
    await request(server).post('/api/v1/users').set('Authorization', admin).send({ username: 'admin-two', password: 'long-enough-pw', role: 'ADMIN' }).expect(201);
    const login = await request(server).post('/api/v1/auth/login').send({ username: 'admin-two', password: 'long-enough-pw' }).expect(200);
    const res = await request(server)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .set('Idempotency-Key', 'k-1')
      .send({ ...body, username: 'idem-scope' })
      .expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await countUsers('idem-scope')).toBe(1);
  });

  it("never replays a response to the same account after its country changed (a ministry moved from KG to UZ gets 422, not KG's hold)", async () => {
    await request(server).post('/api/v1/quotas').set('Authorization', admin).send({ countryCode: 'KG', year: 2030, category: 'PEDIATRIC_ONCOHEMATOLOGY', granted: 5 }).expect(201);
    const [quota] = await db.query(`SELECT id FROM quotas WHERE country_code = 'KG' AND year = 2030`);
    const created = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ username: 'idem-ministry', password: 'long-enough-pw', role: 'MINISTRY', countryCode: 'KG' })
      .expect(201);
    const login = await request(server).post('/api/v1/auth/login').send({ username: 'idem-ministry', password: 'long-enough-pw' }).expect(200);
    const ministry = `Bearer ${login.body.accessToken}`;
    const hold = () => request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', ministry).set('Idempotency-Key', 'hold-1').send({ count: 1 });
    const first = await hold().expect(201);
    expect((await hold().expect(201)).headers['idempotent-replayed']).toBe('true');

    await request(server).patch(`/api/v1/users/${created.body.id}`).set('Authorization', admin).send({ countryCode: 'UZ' }).expect(200);
    const after = await hold();
    expect(after.status).toBe(422);
    expect(after.body.type).toMatch(/idempotency-key-reused$/);
    expect(JSON.stringify(after.body)).not.toContain(first.body.id);
  });

  it('does not store failures: after a 400 the same key may be used again', async () => {
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-2')
      .send({ ...body, username: 'idem-2', role: 'ROOT' })
      .expect(400);
    const rows: unknown[] = await db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'k-2'`);
    expect(rows).toHaveLength(0);
    await request(server).post('/api/v1/users').set('Authorization', admin).set('Idempotency-Key', 'k-2').send({ ...body, username: 'idem-2' }).expect(201);
    expect(await countUsers('idem-2')).toBe(1);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const [adminRow]: Array<{ id: string }> = await db.query(`SELECT id FROM users WHERE username = 'admin'`);
    const hashSource = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-3')
      .send({ ...body, username: 'idem-3' })
      .expect(201);
    expect(hashSource.body.username).toBe('idem-3');
    // Turn the finished record back into an in-flight one, exactly as the first request leaves it
    // between claiming the key and storing its response.
    await db.query(
      `UPDATE idempotency_keys SET state = 'PENDING', response_status = NULL, response_body = NULL WHERE user_id = $1 AND key = 'k-3'`,
      [adminRow.id],
    );
    const res = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-3')
      .send({ ...body, username: 'idem-3' })
      .expect(409);
    expect(res.body.type).toMatch(/idempotency-request-in-progress$/);
    expect(await countUsers('idem-3')).toBe(1);
  });

  it('runs concurrent duplicates once: one 201, the others replay or get 409', async () => {
    const send = () =>
      request(server).post('/api/v1/users').set('Authorization', admin).set('Idempotency-Key', 'k-4').send({ ...body, username: 'idem-4' });
    const results = await Promise.all([send(), send(), send(), send()]);
    const fresh = results.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(await countUsers('idem-4')).toBe(1);
  });

  it('treats an expired key as unused and purges it', async () => {
    await db.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'k-1' AND user_id = (SELECT id FROM users WHERE username = 'admin')`,
    );
    const res = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-1')
      .send({ ...body, username: 'idem-5' })
      .expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'k-2'`);
    const { IdempotencyStore } = await import('../../src/idempotency/idempotency.store');
    expect(await t.app.get(IdempotencyStore).purgeExpired()).toBe(1);
    const left: unknown[] = await db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'k-2'`);
    expect(left).toHaveLength(0);
  });

  it('rejects a malformed key with 400', async () => {
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'x'.repeat(300))
      .send({ ...body, username: 'idem-6' })
      .expect(400);
  });

  it('stores keys with a 24 h expiry', async () => {
    const [row]: Array<{ hours: string }> = await db.query(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS hours FROM idempotency_keys WHERE key = 'k-4'`,
    );
    expect(Number(row.hours)).toBe(24);
  });
});
