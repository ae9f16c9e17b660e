import request from 'supertest';
import { PrivateRedis, waitForAppRedis } from '../support/private-redis';
import { createTestApp, TestApp } from '../support/test-app';

describe('foundation: health, problem+json, OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports both dependencies up', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('answers an unknown route with problem+json 404', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(typeof res.body.detail).toBe('string');
  });

  it('answers a malformed JSON body with problem+json 400', async () => {
    const res = await request(t.app.getHttpServer()).post('/api/v1/health').set('Content-Type', 'application/json').send('{"broken": ').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/malformed-json$/);
  });

  it('serves the OpenAPI document and UI outside the API prefix', async () => {
    const json = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/health');
    const ui = await request(t.app.getHttpServer()).get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('echoes a request id', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/v1/health').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe('foundation: health with a Redis outage (private redis-server)', () => {
  let t: TestApp;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    // The API role alone: health lives there, and no worker has to drain against a dead Redis.
    t = await createTestApp({ role: 'api', env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    // Bring Redis back and let every client reconnect, so queues close cleanly instead of mid-reconnect.
    await redis.start();
    if (t) await waitForAppRedis(t).catch(() => undefined);
    await t?.close();
    await redis.stop();
  });

  it('is 200 while the private Redis runs and 503 naming redis once it stops', async () => {
    const server = t.app.getHttpServer();
    await waitFor(async () => (await request(server).get('/api/v1/health')).status === 200);
    await redis.stop();
    const res = await request(server).get('/api/v1/health').expect(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.down).toEqual(['redis']);
    expect(res.body.detail).toContain('redis');
  });
});
