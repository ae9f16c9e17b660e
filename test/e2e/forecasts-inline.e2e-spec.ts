import request from 'supertest';
import { startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';

/**
 * FORECAST_THREADS=0: the simulation runs on the worker's own event loop. API and worker share this
 * process, so seeing RUNNING with intermediate progress over HTTP proves the simulation hands the
 * event loop back between runs (which is also what lets BullMQ renew the job lock).
 */
describe('forecast inline on the event loop (FORECAST_THREADS=0)', () => {
  let t: TestApp;

  beforeAll(async () => {
    ({ t } = await startApiApp({ env: { FORECAST_THREADS: '0' }, demoCenter: true }));
  });
  afterAll(async () => t?.close());

  it('answers requests while it runs and finishes', async () => {
    const admin = await bearer(t, 'admin');
    const http = () => request(t.app.getHttpServer());
    const id = (await http().post('/api/v1/forecasts').set('Authorization', admin).send({ horizonWeeks: 10, runs: 25, seed: 2 }).expect(202)).body.id;
    const seen: Array<{ status: string; progress: number }> = [];
    let body: { status: string; progress: number } = { status: 'QUEUED', progress: 0 };
    const deadline = Date.now() + 120_000;
    while (body.status !== 'DONE' && body.status !== 'FAILED' && Date.now() < deadline) {
      body = (await http().get(`/api/v1/forecasts/${id}`).set('Authorization', admin).expect(200)).body;
      seen.push(body);
    }
    expect(body.status).toBe('DONE');
    expect(seen.filter((s) => s.status === 'RUNNING' && s.progress > 0 && s.progress < 1).length).toBeGreaterThan(1);
  });
});
