import request from 'supertest';
import { startApiApp } from '../support/api-app';
import { bearer, tokenFor } from '../support/auth';
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
    await request(server).get('/admin/queues/api/queues').set('Authorization', await bearer(t, 'coordinator')).expect(403);
    await request(server).get(`/admin/queues?token=${await tokenFor(t, 'ministry-kg')}`).expect(403);
  });

  it('serves the board and its API to an admin by bearer header, or by ?token= then cookie', async () => {
    const server = t.app.getHttpServer();
    const api = await request(server).get('/admin/queues/api/queues').set('Authorization', await bearer(t, 'admin')).expect(200);
    const names = api.body.queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual(['allocation', 'forecast', 'maintenance', 'quota-holds', 'reschedule']);
    const page = await request(server).get(`/admin/queues?token=${await tokenFor(t, 'admin')}`).expect(200);
    expect(page.text).toMatch(/<html/i);
    const cookie = page.headers['set-cookie'];
    expect(String(cookie)).toMatch(/bt_queues_token=.*HttpOnly/i);
    await request(server).get('/admin/queues/api/queues').set('Cookie', String(cookie).split(';')[0]).expect(200);
  });
});
