import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

/** A second API process on the same database, with a short wait bound for in-flight keys. */
const SHORT_WAIT_MS = 300;

describe('Idempotency-Key on POST (through POST /users)', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let t2: TestApp;
  let server2: HttpServer;
  let admin2: string;

  const countUsers = async (username: string): Promise<number> =>
    Number(((await db.query('SELECT count(*) AS n FROM users WHERE username = $1', [username])) as Array<{ n: string }>)[0].n);
  const countAudit = async (action: string): Promise<number> =>
    Number(((await db.query('SELECT count(*) AS n FROM audit_log WHERE action = $1', [action])) as Array<{ n: string }>)[0].n);

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const keyState = async (key: string): Promise<string | undefined> =>
    ((await db.query('SELECT state FROM idempotency_keys WHERE key = $1', [key])) as Array<{ state: string }>)[0]?.state;
  const waitForKeyState = async (key: string, state: string): Promise<void> => {
    for (let i = 0; i < 250 && (await keyState(key)) !== state; i++) await sleep(20);
    expect(await keyState(key)).toBe(state);
  };
  /** Holds inserts into `users` back (a first request then stays in flight after claiming its key) until release(). */
  const blockUserInserts = async (): Promise<{ release: () => Promise<void> }> => {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    return {
      release: async () => {
        await runner.rollbackTransaction();
        await runner.release();
      },
    };
  };

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ users: ['admin'], env: { IDEMPOTENCY_WAIT_MS: '5000' } }));
    ({
      t: t2,
      server: server2,
      auth: { admin: admin2 },
    } = await startApiApp({
      role: 'api',
      db: t.db,
      users: ['admin'],
      env: { IDEMPOTENCY_WAIT_MS: String(SHORT_WAIT_MS) },
    }));
  });
  afterAll(async () => {
    await t2?.close();
    await t?.close();
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

  it('replays the body byte for byte, key order included, with the same Content-Type', async () => {
    const first = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-bytes')
      .send({ ...body, username: 'idem-bytes' })
      .expect(201);
    // The keys are not in the order jsonb keeps them: a jsonb round trip would change the text.
    const [{ j }]: Array<{ j: unknown }> = await db.query('SELECT $1::jsonb AS j', [first.text]);
    expect(JSON.stringify(j)).not.toBe(first.text);
    expect(first.text.startsWith('{"id":')).toBe(true);
    const replay = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-bytes')
      .send({ ...body, username: 'idem-bytes' })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    expect(replay.headers['content-type']).toBe(first.headers['content-type']);
    expect(replay.headers['content-length']).toBe(first.headers['content-length']);
  });

  it('still replays a row stored before the response text was kept (jsonb only)', async () => {
    const send = () =>
      request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'k-legacy')
        .send({ ...body, username: 'idem-legacy' });
    const first = await send().expect(201);
    await db.query(
      `UPDATE idempotency_keys SET response_body = response_text::jsonb, response_text = NULL, response_content_type = NULL WHERE key = 'k-legacy'`,
    );
    const replay = await send().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toMatch(/^application\/json/);
    expect(replay.body).toEqual(first.body);
    expect(await countUsers('idem-legacy')).toBe(1);
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
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ username: 'admin-two', password: 'long-enough-pw', role: 'ADMIN' })
      .expect(201);
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
    await request(server)
      .post('/api/v1/quotas')
      .set('Authorization', admin)
      .send({ countryCode: 'KG', year: 2030, category: 'PEDIATRIC_ONCOHEMATOLOGY', granted: 5 })
      .expect(201);
    const [quota] = await db.query(`SELECT id FROM quotas WHERE country_code = 'KG' AND year = 2030`);
    const created = await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .send({ username: 'idem-ministry', password: 'long-enough-pw', role: 'MINISTRY', countryCode: 'KG' })
      .expect(201);
    const login = await request(server).post('/api/v1/auth/login').send({ username: 'idem-ministry', password: 'long-enough-pw' }).expect(200);
    const ministry = `Bearer ${login.body.accessToken}`;
    const hold = () =>
      request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', ministry).set('Idempotency-Key', 'hold-1').send({ count: 1 });
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
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'k-2')
      .send({ ...body, username: 'idem-2' })
      .expect(201);
    expect(await countUsers('idem-2')).toBe(1);
  });

  it('answers 409 problem+json with Retry-After when the first request with the key is still in flight past the wait bound', async () => {
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
      `UPDATE idempotency_keys SET state = 'PENDING', response_status = NULL, response_text = NULL, response_content_type = NULL WHERE user_id = $1 AND key = 'k-3'`,
      [adminRow.id],
    );
    // The second API process waits SHORT_WAIT_MS for it, then gives up.
    const started = Date.now();
    const res = await request(server2)
      .post('/api/v1/users')
      .set('Authorization', admin2)
      .set('Idempotency-Key', 'k-3')
      .send({ ...body, username: 'idem-3' })
      .expect(409);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT_WAIT_MS - 20);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({ status: 409, retryAfterSeconds: 1 });
    expect(res.body.type).toMatch(/idempotency-request-in-progress$/);
    expect(await countUsers('idem-3')).toBe(1);
    expect(await keyState('k-3')).toBe('PENDING');
  });

  it('a retry arriving while the first is in flight waits and replays its response once it is stored', async () => {
    const send = () =>
      request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'k-wait')
        .send({ ...body, username: 'idem-wait' });
    const first = await send().expect(201);
    const [stored]: Array<{ response_text: string }> = await db.query(`SELECT response_text FROM idempotency_keys WHERE key = 'k-wait'`);
    await db.query(
      `UPDATE idempotency_keys SET state = 'PENDING', response_status = NULL, response_text = NULL, response_content_type = NULL WHERE key = 'k-wait'`,
    );
    let answered = false;
    const retry = send().then((r) => ((answered = true), r));
    await sleep(400);
    expect(answered).toBe(false);
    await db.query(
      `UPDATE idempotency_keys SET state = 'DONE', response_status = 201, response_text = $1, response_content_type = 'application/json; charset=utf-8' WHERE key = 'k-wait'`,
      [stored.response_text],
    );
    const res = await retry;
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.text).toBe(first.text);
    expect(await countUsers('idem-wait')).toBe(1);
  });

  it('two identical requests racing through two API processes: one effect, both 201 with the byte-identical body', async () => {
    const auditBefore = await countAudit('user.create');
    const payload = { ...body, username: 'idem-race' };
    const block = await blockUserInserts();
    let a: Promise<request.Response>;
    let b: Promise<request.Response>;
    let bAnswered = false;
    try {
      // The first (second process) claims the key and then waits on the lock, still in flight.
      a = request(server2)
        .post('/api/v1/users')
        .set('Authorization', admin2)
        .set('Idempotency-Key', 'k-race')
        .send(payload)
        .then((r) => r);
      await waitForKeyState('k-race', 'PENDING');
      b = request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'k-race')
        .send(payload)
        .then((r) => ((bAnswered = true), r));
      // The same key with another body is refused at once, not made to wait.
      const other = await request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'k-race')
        .send({ ...payload, username: 'idem-race-2' });
      expect(other.status).toBe(422);
      expect(other.body.type).toMatch(/idempotency-key-reused$/);
      await sleep(300);
      expect(bAnswered).toBe(false); // waiting, not 409
    } finally {
      await block.release();
    }
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(ra.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.headers['idempotent-replayed']).toBe('true');
    expect(rb.text).toBe(ra.text);
    expect(await countUsers('idem-race')).toBe(1);
    expect(await countUsers('idem-race-2')).toBe(0);
    expect(await countAudit('user.create')).toBe(auditBefore + 1);
  });

  it('runs concurrent duplicates once: one fresh 201, the others wait and replay the same bytes', async () => {
    const send = () =>
      request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'k-4')
        .send({ ...body, username: 'idem-4' });
    const results = await Promise.all([send(), send(), send(), send()]);
    const fresh = results.filter((r) => r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of results) {
      expect(r.status).toBe(201);
      expect(r.text).toBe(fresh[0].text);
    }
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
