import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, schedulingApp } from './scheduling-fixtures';

describe('X-Total-Count reaches a console on an allowed origin', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1'], { role: 'api', env: { CORS_ORIGINS: 'https://console.example' } }));
  });
  afterAll(async () => {
    await t.close();
    delete process.env.CORS_ORIGINS;
  });

  it('exposes it through CORS for an allowed origin, and no Allow-Origin to another origin', async () => {
    const patient = await createPatient(api);
    await createCourse(api, patient);
    await createCourse(api, patient);
    const allowed = await api.get('/courses?limit=1').set('Origin', 'https://console.example').expect(200);
    expect(allowed.headers['x-total-count']).toBe('2');
    expect(allowed.body).toHaveLength(1);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example');
    const exposed = String(allowed.headers['access-control-expose-headers'])
      .split(',')
      .map((h) => h.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['x-total-count', 'x-request-id']));
    const since = new Date(Date.now() - 3600_000).toISOString();
    const moves = await api
      .get(`/moves?since=${encodeURIComponent(since)}`)
      .set('Origin', 'https://console.example')
      .expect(200);
    expect(String(moves.headers['access-control-expose-headers']).toLowerCase()).toContain('x-total-count');

    const other = await api.get('/courses').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['x-total-count']).toBe('2');
  });
});
