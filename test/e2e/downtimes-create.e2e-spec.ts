import request from 'supertest';
import { DataSource } from 'typeorm';
import { centerYear } from '../../src/common/center-clock';
import { JobRepository } from '../../src/queue/job.repository';
import { QUEUES } from '../../src/queue/queue-names';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { PrivateRedis, waitForAppRedis } from '../support/private-redis';
import { roomIdsByName } from '../support/table-rows';
import { TestApp } from '../support/test-app';

// API role only: no reschedule worker runs here, so the job stays in the queue to be inspected.
describe('downtimes', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let rooms: Record<string, string>;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['admin'] }));
    rooms = await roomIdsByName(db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a room downtime: 201, PENDING, audited, and a reschedule job waiting in the queue', async () => {
    const res = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: rooms.G2, start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'UNPLANNED', reason: 'Magnet quench' })
      .expect(201);
    expect(res.body).toMatchObject({
      roomId: rooms.G2,
      start: '2026-03-03T05:00:00.000Z',
      end: '2026-03-03T09:00:00.000Z',
      kind: 'UNPLANNED',
      reason: 'Magnet quench',
      createdBy: 'admin',
      rescheduleStatus: 'PENDING',
      rescheduledAt: null,
      queued: true,
      rescheduleJobId: `reschedule-downtime-${res.body.id}-1`,
    });
    const job = await t.app.get(JobRepository).queue(QUEUES.reschedule).getJob(res.body.rescheduleJobId);
    expect(job).toBeDefined();
    expect(job!.name).toBe('reschedule-downtime');
    expect(job!.data).toEqual({ downtimeId: res.body.id, attempt: 1 });
    expect(await job!.getState()).toBe('waiting');
    const [audit] = await db.query(`SELECT username, details FROM audit_log WHERE action = 'downtime.create' AND entity_id = $1`, [res.body.id]);
    expect(audit).toMatchObject({ username: 'admin', details: { roomId: rooms.G2, kind: 'UNPLANNED' } });
  });

  it('takes a missing or null roomId as the whole beam line', async () => {
    const res = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: null, start: '2026-04-01T00:00:00Z', end: '2026-04-02T00:00:00Z', kind: 'PLANNED' })
      .expect(201);
    expect(res.body).toMatchObject({ roomId: null, kind: 'PLANNED', reason: '' });
  });

  it('lists downtimes overlapping a range for coordinators; dates are whole days in the center zone', async () => {
    const coordinator = await bearer(t, 'coordinator');
    const all = await request(server).get('/api/v1/downtimes').set('Authorization', coordinator).expect(200);
    expect(all.body.map((d: { start: string }) => d.start)).toEqual(['2026-03-03T05:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    const march = await request(server).get('/api/v1/downtimes?from=2026-03-01&to=2026-03-03').set('Authorization', coordinator).expect(200);
    expect(march.body).toHaveLength(1);
    const after = await request(server).get('/api/v1/downtimes?from=2026-03-03T14:00:00%2B05:00').set('Authorization', coordinator).expect(200);
    expect(after.body.map((d: { roomId: string | null }) => d.roomId)).toEqual([null]);
    const g1 = await request(server).get(`/api/v1/downtimes?roomId=${rooms.G1}`).set('Authorization', coordinator).expect(200);
    expect(g1.body.map((d: { roomId: string | null }) => d.roomId)).toEqual([null]);
    const one = await request(server).get(`/api/v1/downtimes/${march.body[0].id}`).set('Authorization', coordinator).expect(200);
    expect(one.body.id).toBe(march.body[0].id);
  });

  it('answers an empty or inverted list range with 400 invalid-range, like /appointments', async () => {
    const coordinator = await bearer(t, 'coordinator');
    for (const query of [
      'from=2026-03-03&to=2026-03-01',
      'from=2026-03-03T10:00:00%2B05:00&to=2026-03-03T10:00:00%2B05:00',
      'from=2026-03-04&to=2026-03-03T23:00:00%2B05:00',
    ]) {
      const res = await request(server).get(`/api/v1/downtimes?${query}`).set('Authorization', coordinator);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(/\/invalid-range$/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    }
    // A date `to` covers its whole day, so a one-day range is not empty.
    const oneDay = await request(server).get('/api/v1/downtimes?from=2026-03-03&to=2026-03-03').set('Authorization', coordinator).expect(200);
    expect(oneDay.body).toHaveLength(1);
  });

  it('lists by real dates or instants with offset only; week, ordinal and zone-less forms are 400 naming the field', async () => {
    const coordinator = await bearer(t, 'coordinator');
    for (const [query, field] of [
      ['from=2026-W10', 'from'],
      ['from=2026-062', 'from'],
      ['to=20260303', 'to'],
      ['from=2026-03-03T10:00:00', 'from'],
      ['to=2026-02-30', 'to'],
      ['to=2026-02-30T10:00:00Z', 'to'],
    ]) {
      const res = await request(server).get(`/api/v1/downtimes?${query}`).set('Authorization', coordinator);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(/\/validation$/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it.each([
    ['an end before the start', { start: '2026-03-03T14:00:00+05:00', end: '2026-03-03T10:00:00+05:00', kind: 'PLANNED' }, 'end'],
    ['an end equal to the start', { start: '2026-03-03T14:00:00+05:00', end: '2026-03-03T09:00:00Z', kind: 'PLANNED' }, 'end'],
    ['an instant without offset', { start: '2026-03-03T10:00:00', end: '2026-03-03T14:00:00+05:00', kind: 'PLANNED' }, 'start'],
    ['an impossible date', { start: '2026-02-30T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'PLANNED' }, 'start'],
    ['an ISO week date', { start: '2026-03-03T10:00:00+05:00', end: '2026-W11', kind: 'PLANNED' }, 'end'],
    ['an unknown kind', { start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'MAYBE' }, 'kind'],
    ['a bad room id', { roomId: 'G1', start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'PLANNED' }, 'roomId'],
  ])('rejects %s with 400 problem+json and writes nothing', async (_name, body, field) => {
    const res = await request(server).post('/api/v1/downtimes').set('Authorization', admin).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(Number((await db.query('SELECT count(*) AS n FROM downtimes'))[0].n)).toBe(2);
  });

  it('answers an unknown room with 422 and writes nothing', async () => {
    const res = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: '00000000-0000-4000-8000-000000000000', start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'PLANNED' })
      .expect(422);
    expect(res.body.type).toContain('unknown-room');
    expect(Number((await db.query('SELECT count(*) AS n FROM downtimes'))[0].n)).toBe(2);
  });

  it('answers a reason with a lone surrogate with 400 naming the field, and writes nothing', async () => {
    const res = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send('{"roomId":null,"start":"2026-03-03T10:00:00+05:00","end":"2026-03-03T14:00:00+05:00","kind":"PLANNED","reason":"Gantry \\ud800 fault"}')
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { field: 'reason', messages: [expect.stringContaining('valid Unicode')], code: 'isWellFormedText', codes: ['isWellFormedText'] },
    ]);
    expect(Number((await db.query('SELECT count(*) AS n FROM downtimes'))[0].n)).toBe(2);
  });

  it.each([
    ['a year typo ahead', '2062-12-08T10:00:00+05:00', '2062-12-08T14:00:00+05:00', 'start'],
    ['a century back', '1926-12-08T10:00:00+05:00', '1926-12-08T14:00:00+05:00', 'start'],
    [
      'an end past two Decembers ahead',
      `${centerYear('Asia/Almaty') + 2}-12-31T20:00:00+05:00`,
      `${centerYear('Asia/Almaty') + 3}-01-01T08:00:00+05:00`,
      'end',
    ],
  ])('answers %s with 422 date-out-of-range naming the field, and writes nothing', async (_name, start, end, field) => {
    const res = await request(server).post('/api/v1/downtimes').set('Authorization', admin).send({ roomId: rooms.G1, start, end, kind: 'PLANNED' }).expect(422);
    expect(res.body.type).toContain('date-out-of-range');
    expect(res.body.errors).toEqual([{ field, messages: [expect.stringContaining('between')], code: 'date-out-of-range' }]);
    expect(Number((await db.query('SELECT count(*) AS n FROM downtimes'))[0].n)).toBe(2);
  });

  it('takes a downtime from last January on, and one ending at the last midnight of two Decembers ahead', async () => {
    const year = centerYear('Asia/Almaty');
    const ok = async (start: string, end: string) => {
      const res = await request(server)
        .post('/api/v1/downtimes')
        .set('Authorization', admin)
        .send({ roomId: rooms.G1, start, end, kind: 'PLANNED' })
        .expect(201);
      await db.query('DELETE FROM downtimes WHERE id = $1', [res.body.id]);
    };
    await ok(`${year - 1}-01-01T00:00:00+05:00`, `${year - 1}-01-01T04:00:00+05:00`);
    await ok(`${year + 2}-12-31T20:00:00+05:00`, `${year + 3}-01-01T00:00:00+05:00`);
  });

  it('retries only a FAILED reschedule, as a new attempt with a new job id', async () => {
    const [{ id }] = await db.query(`SELECT id FROM downtimes WHERE room_id IS NULL`);
    const early = await request(server).post(`/api/v1/downtimes/${id}/reschedule`).set('Authorization', admin).expect(409);
    expect(early.body).toMatchObject({ rescheduleStatus: 'PENDING' });
    await db.query(`UPDATE downtimes SET reschedule_status = 'FAILED', rescheduled_at = now() WHERE id = $1`, [id]);
    const res = await request(server).post(`/api/v1/downtimes/${id}/reschedule`).set('Authorization', admin).expect(202);
    expect(res.body).toMatchObject({ id, rescheduleStatus: 'PENDING', queued: true, rescheduleJobId: `reschedule-downtime-${id}-2` });
    const job = await t.app.get(JobRepository).queue(QUEUES.reschedule).getJob(res.body.rescheduleJobId);
    expect(job!.data).toEqual({ downtimeId: id, attempt: 2 });
    await request(server)
      .post(`/api/v1/downtimes/${id}/reschedule`)
      .set('Authorization', await bearer(t, 'coordinator'))
      .expect(403);
    await request(server).post('/api/v1/downtimes/00000000-0000-4000-8000-000000000000/reschedule').set('Authorization', admin).expect(404);
  });

  it('replays a retried POST with the same Idempotency-Key instead of declaring the downtime twice', async () => {
    const body = { roomId: rooms.G3, start: '2026-06-01T08:00:00+05:00', end: '2026-06-01T09:00:00+05:00', kind: 'PLANNED' };
    const first = await request(server).post('/api/v1/downtimes').set('Authorization', admin).set('Idempotency-Key', 'dt-retry-1').send(body).expect(201);
    const again = await request(server).post('/api/v1/downtimes').set('Authorization', admin).set('Idempotency-Key', 'dt-retry-1').send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(Number((await db.query('SELECT count(*) AS n FROM downtimes WHERE room_id = $1', [rooms.G3]))[0].n)).toBe(1);
  });

  it('keeps coordinators from declaring downtime (403)', async () => {
    await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', await bearer(t, 'coordinator'))
      .send({ start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'PLANNED' })
      .expect(403);
    await request(server)
      .get('/api/v1/downtimes')
      .set('Authorization', await bearer(t, 'ministry-uz'))
      .expect(403);
  });
});

describe('downtimes while Redis is down', () => {
  let t: TestApp;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    ({ t } = await startApiApp({ role: 'api', env: { REDIS_URL: redis.url }, demoCenter: true }));
  });
  afterAll(async () => {
    // The enqueue that timed out is still in ioredis' offline queue; closing waits for it, so let Redis
    // back first, and let the clients reconnect (closing one mid-reconnect leaves a 2 s timer behind).
    await redis.start();
    await waitForAppRedis(t).catch(() => undefined);
    await t?.close();
    await redis.stop();
  });

  it('still records the downtime (201, queued: false, PENDING) for the reconciler to pick up', async () => {
    const admin = await bearer(t, 'admin');
    await redis.stop();
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T14:00:00+05:00', kind: 'UNPLANNED' })
      .expect(201);
    expect(res.body).toMatchObject({ queued: false, rescheduleStatus: 'PENDING' });
    const rows = await t.app.get(DataSource).query(`SELECT reschedule_status FROM downtimes WHERE id = $1`, [res.body.id]);
    expect(rows).toEqual([{ reschedule_status: 'PENDING' }]);
  });
});
