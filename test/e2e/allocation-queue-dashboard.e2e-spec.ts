import request from 'supertest';
import { startApiApp } from '../support/api-app';
import { bearer, DEMO_TEST_PASSWORD, tokenFor } from '../support/auth';
import { TestApp } from '../support/test-app';

describe('Bull Board at /admin/queues: administrators only', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await startApiApp({ role: 'api' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses anonymous (401), a bad token (401) and a coordinator (403) with problem+json', async () => {
    const server = t.app.getHttpServer();
    const anon = await request(server).get('/admin/queues').expect(401);
    expect(anon.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(server).get('/admin/queues').set('Authorization', 'Bearer not.a.token').expect(401);
    await request(server)
      .get('/admin/queues/api/queues')
      .set('Authorization', await bearer(t, 'coordinator'))
      .expect(403);
    await request(server)
      .get('/admin/queues')
      .set('Cookie', `bt_session=${await tokenFor(t, 'ministry-kg')}`)
      .expect(403);
  });

  it("refuses a token in the URL (400), even an admin's, and sets no cookie", async () => {
    const server = t.app.getHttpServer();
    const res = await request(server)
      .get(`/admin/queues?token=${await tokenFor(t, 'admin')}`)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/never goes in a URL/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it("serves the board and its API to an admin by bearer header, or by the console's session cookie", async () => {
    const server = t.app.getHttpServer();
    const api = await request(server)
      .get('/admin/queues/api/queues')
      .set('Authorization', await bearer(t, 'admin'))
      .expect(200);
    const names = api.body.queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual(['allocation', 'forecast', 'maintenance', 'notifications', 'quota-holds', 'reschedule']);
    // The console's login: the session arrives as an httpOnly cookie, never in the body.
    const login = await request(server)
      .post('/api/v1/auth/login')
      .set('X-Requested-With', 'beamtime')
      .send({ username: 'admin', password: DEMO_TEST_PASSWORD })
      .expect(200);
    const session = String(login.headers['set-cookie']).split(';')[0];
    expect(session).toMatch(/^bt_session=/);
    const page = await request(server).get('/admin/queues').set('Cookie', session).expect(200);
    expect(page.text).toMatch(/<html/i);
    await request(server).get('/admin/queues/api/queues').set('Cookie', session).expect(200);
  });
});
