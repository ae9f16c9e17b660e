import request from 'supertest';
import { HttpServer, startApiApp } from '../support/api-app';
import { DEMO_TEST_PASSWORD } from '../support/auth';
import { TestApp } from '../support/test-app';

const CONSOLE = { 'X-Requested-With': 'beamtime' };
const PATIENT = { firstName: 'Dana', lastName: 'Sessionova', birthDate: '1980-02-03', sex: 'female', countryCode: 'KZ' };

function sessionCookie(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = all.find((c) => c.startsWith('bt_session='));
  if (!cookie) throw new Error(`no bt_session cookie in ${JSON.stringify(all)}`);
  return cookie;
}

describe('auth: the web console session cookie', () => {
  let t: TestApp;
  let server: HttpServer;

  beforeAll(async () => {
    ({ t, server } = await startApiApp());
  });
  afterAll(async () => {
    await t.close();
  });

  async function consoleLogin(username = 'coordinator'): Promise<string> {
    const res = await request(server).post('/api/v1/auth/login').set(CONSOLE).send({ username, password: DEMO_TEST_PASSWORD }).expect(200);
    return sessionCookie(res.headers['set-cookie']).split(';')[0];
  }

  it('sets an httpOnly, SameSite=Strict, Path=/ cookie holding the same JWT as the bearer token', async () => {
    const res = await request(server).post('/api/v1/auth/login').send({ username: 'coordinator', password: DEMO_TEST_PASSWORD }).expect(200);
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure is set behind https
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie.split(';')[0]).toBe(`bt_session=${res.body.accessToken}`);
  });

  it('leaves the token out of the body when the console asks, so page script never holds it', async () => {
    const res = await request(server).post('/api/v1/auth/login').set(CONSOLE).send({ username: 'coordinator', password: DEMO_TEST_PASSWORD }).expect(200);
    expect(res.body).toEqual({ tokenType: 'Bearer', role: 'COORDINATOR', expiresIn: 28800 });
    expect(sessionCookie(res.headers['set-cookie'])).toMatch(/^bt_session=[\w-]+\.[\w-]+\.[\w-]+;/);
  });

  it('authenticates GET /auth/me with the cookie alone', async () => {
    const cookie = await consoleLogin();
    const me = await request(server).get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ username: 'coordinator', role: 'COORDINATOR' });
  });

  it('refuses a cookie-authenticated change without the CSRF header (403) and accepts it with the header', async () => {
    const cookie = await consoleLogin();
    const refused = await request(server).post('/api/v1/patients').set('Cookie', cookie).send(PATIENT).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/X-Requested-With/);
    const wrongValue = await request(server).post('/api/v1/patients').set('Cookie', cookie).set('X-Requested-With', 'XMLHttpRequest').send(PATIENT);
    expect(wrongValue.status).toBe(403);
    await request(server).post('/api/v1/patients').set('Cookie', cookie).set(CONSOLE).send(PATIENT).expect(201);
  });

  it('needs no CSRF header for a bearer-authenticated change (API clients are unchanged)', async () => {
    const login = await request(server).post('/api/v1/auth/login').send({ username: 'coordinator', password: DEMO_TEST_PASSWORD }).expect(200);
    await request(server)
      .post('/api/v1/patients')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ ...PATIENT, lastName: 'Bearerova' })
      .expect(201);
  });

  it('answers 401 for a forged or garbled cookie', async () => {
    await request(server).get('/api/v1/auth/me').set('Cookie', 'bt_session=not.a.jwt').expect(401);
    await request(server).get('/api/v1/auth/me').set('Cookie', 'bt_session=%E0%A4%A').expect(401);
    await request(server).get('/api/v1/auth/me').expect(401);
  });

  it('logs out: the cookie is cleared and the next request without it is 401', async () => {
    const cookie = await consoleLogin();
    const res = await request(server).post('/api/v1/auth/logout').set('Cookie', cookie).set(CONSOLE).expect(204);
    const cleared = sessionCookie(res.headers['set-cookie']);
    expect(cleared).toMatch(/^bt_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared).toMatch(/HttpOnly/i);
    await request(server).get('/api/v1/auth/me').expect(401);
  });

  it('sends a strict Content-Security-Policy on API answers and a /docs one that lets Swagger UI style itself', async () => {
    const api = await request(server).get('/api/v1/health');
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const docs = await request(server).get('/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(docs.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(docs.text).not.toMatch(/<script>(?!\s*<\/script>)/); // Swagger UI's scripts are files, which script-src 'self' allows
  });
});
