import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer, DEMO_TEST_PASSWORD, tokenFor } from '../support/auth';
import { TestApp } from '../support/test-app';

const JWT_SECRET = 'test-secret-which-is-long-enough';

describe('auth: login, tokens, guards', () => {
  let t: TestApp;
  let server: HttpServer;

  beforeAll(async () => {
    ({ t, server } = await startApiApp());
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with the right password and returns an expiring bearer token', async () => {
    const res = await request(server).post('/api/v1/auth/login').send({ username: 'ministry-kg', password: DEMO_TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', role: 'MINISTRY', countryCode: 'KG', expiresIn: 8 * 3600 });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    const admin = await request(server).post('/api/v1/auth/login').send({ username: 'ADMIN', password: DEMO_TEST_PASSWORD }).expect(200);
    expect(admin.body.role).toBe('ADMIN');
    expect(admin.body).not.toHaveProperty('countryCode');
  });

  it('answers a wrong password and an unknown user alike: 401 problem+json', async () => {
    const wrong = await request(server).post('/api/v1/auth/login').send({ username: 'admin', password: 'nope' }).expect(401);
    const unknown = await request(server).post('/api/v1/auth/login').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.type).toBe(unknown.body.type);
    expect(JSON.stringify(wrong.body)).not.toContain('admin');
  });

  it('rejects a login body without a password with a 400 listing the field', async () => {
    const res = await request(server).post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('password');
  });

  it('needs a token on protected routes (401) and accepts a valid one', async () => {
    const none = await request(server).get('/api/v1/auth/me').expect(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    await request(server).get('/api/v1/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    await request(server).get('/api/v1/auth/me').set('Authorization', 'Basic YWRtaW46eA==').expect(401);
    const me = await request(server)
      .get('/api/v1/auth/me')
      .set('Authorization', await bearer(t, 'ministry-uz'))
      .expect(200);
    expect(me.body).toMatchObject({ username: 'ministry-uz', role: 'MINISTRY', countryCode: 'UZ', timeZone: 'Asia/Tashkent', centerTimeZone: 'Asia/Almaty' });
    // The center's staff read times in the center's zone.
    const coordinator = await request(server)
      .get('/api/v1/auth/me')
      .set('Authorization', await bearer(t, 'coordinator'))
      .expect(200);
    expect(coordinator.body).toMatchObject({ role: 'COORDINATOR', countryCode: null, timeZone: 'Asia/Almaty' });
  });

  it('rejects an expired token and a token signed with another secret', async () => {
    const good = await tokenFor(t, 'admin');
    const claims = new JwtService().decode(good) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, ...rest } = claims;
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = new JwtService({ secret: JWT_SECRET }).sign({ ...rest, iat: past - 10, exp: past });
    const res = await request(server).get('/api/v1/audit').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.detail).toMatch(/expired/);
    const forged = new JwtService({ secret: 'another-secret-of-enough-length' }).sign(rest, { expiresIn: '1h' });
    await request(server).get('/api/v1/audit').set('Authorization', `Bearer ${forged}`).expect(401);
    const fresh = new JwtService({ secret: JWT_SECRET }).sign(rest, { expiresIn: '1h' });
    await request(server).get('/api/v1/audit').set('Authorization', `Bearer ${fresh}`).expect(200);
  });

  it('rejects an unsigned (alg none) token', async () => {
    const payload = Buffer.from(JSON.stringify({ sub: '00000000-0000-0000-0000-000000000000', role: 'ADMIN', exp: 9999999999 })).toString('base64url');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await request(server).get('/api/v1/audit').set('Authorization', `Bearer ${header}.${payload}.`).expect(401);
  });

  it('keeps /health public', async () => {
    await request(server).get('/api/v1/health').expect(200);
  });

  it('applies roles: admin-only routes answer 403 to the other roles, 200 to admin', async () => {
    for (const user of ['coordinator', 'ministry-kg', 'ministry-uz'] as const) {
      const res = await request(server)
        .get('/api/v1/audit')
        .set('Authorization', await bearer(t, user))
        .expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      await request(server)
        .get('/api/v1/users')
        .set('Authorization', await bearer(t, user))
        .expect(403);
    }
    await request(server)
      .get('/api/v1/users')
      .set('Authorization', await bearer(t, 'admin'))
      .expect(200);
    for (const user of ['admin', 'coordinator', 'ministry-kg'] as const) {
      await request(server)
        .get('/api/v1/auth/me')
        .set('Authorization', await bearer(t, user))
        .expect(200);
    }
  });
});
