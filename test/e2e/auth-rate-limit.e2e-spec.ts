import request from 'supertest';
import { HttpServer, startApiApp } from '../support/api-app';
import { DEMO_TEST_PASSWORD } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

describe('login rate limit and CORS', () => {
  let t: TestApp;
  let server: HttpServer;

  beforeAll(async () => {
    ({ t, server } = await startApiApp({ env: { LOGIN_RATE_LIMIT: '3', CORS_ORIGINS: 'https://ops.example, https://ministry.example' } }));
  });
  afterAll(async () => {
    await t.close();
    delete process.env.LOGIN_RATE_LIMIT;
    delete process.env.CORS_ORIGINS;
  });

  it('answers the 4th login attempt within a minute with 429 problem+json, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await request(server).post('/api/v1/auth/login').send({ username: 'admin', password: 'wrong' }).expect(401);
    }
    const res = await request(server).post('/api/v1/auth/login').send({ username: 'admin', password: DEMO_TEST_PASSWORD }).expect(429);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/too-many-login-attempts$/);
    // The standard header (RFC 9110 §10.2.3): delay-seconds, within the one-minute window.
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('does not throttle other routes', async () => {
    for (let i = 0; i < 5; i++) await request(server).get('/api/v1/health').expect(200);
  });

  it('sends CORS headers only to listed origins', async () => {
    const listed = await request(server).get('/api/v1/health').set('Origin', 'https://ops.example').expect(200);
    expect(listed.headers['access-control-allow-origin']).toBe('https://ops.example');
    const other = await request(server).get('/api/v1/health').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight from a listed origin with the headers the API needs', async () => {
    const res = await request(server)
      .options('/api/v1/users')
      .set('Origin', 'https://ministry.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(res.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
  });

  it('sets helmet security headers', async () => {
    const res = await request(server).get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('CORS off by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends no CORS headers to any origin and does not throttle logins in tests', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/v1/health').set('Origin', 'https://ops.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    for (let i = 0; i < 12; i++) {
      await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'nobody', password: 'x' }).expect(401);
    }
  });
});
