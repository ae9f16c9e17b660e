import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer, seedDemoUsers } from '../support/auth';
import { TestApp } from '../support/test-app';

describe('users and the audit log', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, server, db } = await startApiApp());
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds the demo users idempotently, audited as SYSTEM', async () => {
    await seedDemoUsers(t);
    const users: Array<{ username: string }> = await db.query('SELECT username FROM users ORDER BY username');
    expect(users.map((u) => u.username)).toEqual(['admin', 'coordinator', 'ministry-kg', 'ministry-uz']);
    const audit: Array<{ username: string; role: string; action: string }> = await db.query(
      `SELECT username, role, action FROM audit_log WHERE entity = 'user'`,
    );
    expect(audit).toHaveLength(4);
    expect(audit.every((a) => a.username === 'system' && a.role === 'SYSTEM' && a.action === 'user.create')).toBe(true);
  });

  it('lets an admin create a user; the audit row names the admin and the request id; the new user can log in', async () => {
    const res = await request(server)
      .post('/api/v1/users')
      .set('Authorization', await bearer(t, 'admin'))
      .set('X-Request-Id', 'req-create-user-1')
      .send({ username: 'ministry-kz', password: 'long-enough-pw', role: 'MINISTRY', countryCode: 'KZ' })
      .expect(201);
    expect(res.body).toMatchObject({ username: 'ministry-kz', role: 'MINISTRY', countryCode: 'KZ', active: true });
    expect(res.body).not.toHaveProperty('passwordHash');
    const trail = await request(server)
      .get(`/api/v1/audit?entity=user&id=${res.body.id}`)
      .set('Authorization', await bearer(t, 'admin'))
      .expect(200);
    expect(trail.body).toHaveLength(1);
    expect(trail.body[0]).toMatchObject({
      action: 'user.create',
      entity: 'user',
      entityId: res.body.id,
      username: 'admin',
      role: 'ADMIN',
      requestId: 'req-create-user-1',
    });
    expect(trail.body[0].details).toMatchObject({ username: 'ministry-kz', countryCode: 'KZ' });
    const login = await request(server).post('/api/v1/auth/login').send({ username: 'ministry-kz', password: 'long-enough-pw' }).expect(200);
    expect(login.body.countryCode).toBe('KZ');
  });

  it('stores a bcrypt hash, never the password', async () => {
    const [row]: Array<{ password_hash: string }> = await db.query(`SELECT password_hash FROM users WHERE username = 'ministry-kz'`);
    expect(row.password_hash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(row.password_hash).not.toContain('long-enough-pw');
  });

  it('answers a taken username (any case) with 409 and writes no audit row', async () => {
    const before: Array<{ n: string }> = await db.query('SELECT count(*) AS n FROM audit_log');
    const res = await request(server)
      .post('/api/v1/users')
      .set('Authorization', await bearer(t, 'admin'))
      .send({ username: 'Coordinator', password: 'long-enough-pw', role: 'COORDINATOR' })
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const after: Array<{ n: string }> = await db.query('SELECT count(*) AS n FROM audit_log');
    expect(after[0].n).toBe(before[0].n);
  });

  it('rejects role/country mismatches with 400', async () => {
    const auth = await bearer(t, 'admin');
    await request(server).post('/api/v1/users').set('Authorization', auth).send({ username: 'm2', password: 'long-enough-pw', role: 'MINISTRY' }).expect(400);
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({ username: 'c2x', password: 'long-enough-pw', role: 'COORDINATOR', countryCode: 'KG' })
      .expect(400);
    await request(server).post('/api/v1/users').set('Authorization', auth).send({ username: 'bad', password: 'long-enough-pw', role: 'ROOT' }).expect(400);
    // 30 characters but 90 bytes: bcrypt would silently ignore the tail.
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({ username: 'multibyte', password: 'пароль'.repeat(5) + '€€€€€€€€€€€€€€€€€€€€€€€€', role: 'ADMIN' })
      .expect(400);
  });

  it('enforces the role/country rule in the database too', async () => {
    await expect(db.query(`INSERT INTO users (username, password_hash, role) VALUES ('m3', 'x', 'MINISTRY')`)).rejects.toThrow(/check constraint/);
    await expect(db.query(`INSERT INTO users (username, password_hash, role, country_code) VALUES ('a3', 'x', 'ADMIN', 'KG')`)).rejects.toThrow(
      /check constraint/,
    );
  });

  it('keeps the audit log append-only at the database level', async () => {
    await expect(db.query(`UPDATE audit_log SET username = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('forbids user management and the audit trail to non-admins', async () => {
    await request(server)
      .post('/api/v1/users')
      .set('Authorization', await bearer(t, 'coordinator'))
      .send({ username: 'sneaky', password: 'long-enough-pw', role: 'ADMIN' })
      .expect(403);
    await request(server).post('/api/v1/users').send({ username: 'sneaky', password: 'long-enough-pw', role: 'ADMIN' }).expect(401);
    const rows: unknown[] = await db.query(`SELECT 1 FROM users WHERE username = 'sneaky'`);
    expect(rows).toHaveLength(0);
  });

  it('lists users to an admin without password hashes', async () => {
    const res = await request(server)
      .get('/api/v1/users')
      .set('Authorization', await bearer(t, 'admin'))
      .expect(200);
    expect(res.body.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
  });

  it('validates the audit query and pages through the trail, newest first', async () => {
    const admin = await bearer(t, 'admin');
    await request(server).get('/api/v1/audit?limit=0').set('Authorization', admin).expect(400);
    await request(server).get('/api/v1/audit?offset=-1').set('Authorization', admin).expect(400);
    const res = await request(server).get('/api/v1/audit?limit=2').set('Authorization', admin).expect(200);
    expect(res.body).toHaveLength(2);
    const next = await request(server).get('/api/v1/audit?limit=2&offset=1').set('Authorization', admin).expect(200);
    expect(next.body[0]).toEqual(res.body[1]);
  });

  describe('PATCH /users/:id', () => {
    let id: string;
    let token: string;
    beforeAll(async () => {
      const res = await request(server)
        .post('/api/v1/users')
        .set('Authorization', await bearer(t, 'admin'))
        .send({ username: 'temp-coord', password: 'first-password', role: 'COORDINATOR' })
        .expect(201);
      id = res.body.id;
      token = (await request(server).post('/api/v1/auth/login').send({ username: 'temp-coord', password: 'first-password' }).expect(200)).body.accessToken;
    });

    it('resets a password: the old one stops working, the audit row does not contain it', async () => {
      await request(server)
        .patch(`/api/v1/users/${id}`)
        .set('Authorization', await bearer(t, 'admin'))
        .send({ password: 'second-password' })
        .expect(200);
      await request(server).post('/api/v1/auth/login').send({ username: 'temp-coord', password: 'first-password' }).expect(401);
      await request(server).post('/api/v1/auth/login').send({ username: 'temp-coord', password: 'second-password' }).expect(200);
      const trail = await request(server)
        .get(`/api/v1/audit?entity=user&id=${id}`)
        .set('Authorization', await bearer(t, 'admin'))
        .expect(200);
      expect(trail.body[0]).toMatchObject({ action: 'user.update', username: 'admin', details: { passwordChanged: true } });
      expect(JSON.stringify(trail.body)).not.toContain('second-password');
    });

    it('turns a coordinator into a ministry user only with a country', async () => {
      const auth = await bearer(t, 'admin');
      await request(server).patch(`/api/v1/users/${id}`).set('Authorization', auth).send({ role: 'MINISTRY' }).expect(400);
      // A ministry account is bound to a country the center knows (TJ is not seeded).
      await request(server).patch(`/api/v1/users/${id}`).set('Authorization', auth).send({ role: 'MINISTRY', countryCode: 'TJ' }).expect(422);
      await request(server).post('/api/v1/countries').set('Authorization', auth).send({ code: 'TJ', name: 'Tajikistan' }).expect(201);
      const res = await request(server).patch(`/api/v1/users/${id}`).set('Authorization', auth).send({ role: 'MINISTRY', countryCode: 'TJ' }).expect(200);
      expect(res.body).toMatchObject({ role: 'MINISTRY', countryCode: 'TJ' });
      // The existing token now acts with the new role (the guard re-reads the account).
      const me = await request(server).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toMatchObject({ role: 'MINISTRY', countryCode: 'TJ' });
    });

    it('disables an account: its live token answers 401 at once and it cannot log in', async () => {
      await request(server)
        .patch(`/api/v1/users/${id}`)
        .set('Authorization', await bearer(t, 'admin'))
        .send({ active: false })
        .expect(200);
      await request(server).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await request(server).post('/api/v1/auth/login').send({ username: 'temp-coord', password: 'second-password' }).expect(401);
    });

    it('refuses to let an admin disable or demote themselves', async () => {
      const me = await request(server)
        .get('/api/v1/auth/me')
        .set('Authorization', await bearer(t, 'admin'))
        .expect(200);
      const res = await request(server)
        .patch(`/api/v1/users/${me.body.userId}`)
        .set('Authorization', await bearer(t, 'admin'))
        .send({ active: false })
        .expect(409);
      expect(res.body.type).toMatch(/self-lockout$/);
    });

    it('answers an unknown id with 404 and a malformed one with 400', async () => {
      const auth = await bearer(t, 'admin');
      await request(server).patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set('Authorization', auth).send({ active: false }).expect(404);
      await request(server).patch('/api/v1/users/not-a-uuid').set('Authorization', auth).send({ active: false }).expect(400);
    });
  });
});
