import request from 'supertest';
import { DataSource } from 'typeorm';
import { clock } from '../../src/common/center-clock';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';

describe('holidays and closures', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    // Closures must fall within a window around "today"; pinned to 2026 so these 2026 closures fit whenever the suite runs.
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-06-01T12:00:00+05:00'));
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', users: ['admin'] }));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const closedDates = async (year: number): Promise<string[]> =>
    (await request(server).get(`/api/v1/holidays?year=${year}`).set('Authorization', admin).expect(200)).body.map((d: { date: string }) => d.date);

  it("lists Kazakhstan's 2026 closed days, including the Nauryz transfers the library misses", async () => {
    const res = await request(server)
      .get('/api/v1/holidays?year=2026')
      .set('Authorization', await bearer(t, 'coordinator'))
      .expect(200);
    const dates = res.body.map((d: { date: string }) => d.date);
    expect(dates).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-01-02', '2026-01-07', '2026-03-15', '2026-03-21', '2026-03-23', '2026-03-24', '2026-03-25', '2026-12-16']),
    );
    expect(dates).toEqual([...dates].sort());
    expect(res.body.find((d: { date: string }) => d.date === '2026-03-25')).toMatchObject({ source: 'HOLIDAY', transfer: true });
    expect(res.body.find((d: { date: string }) => d.date === '2026-03-21')).not.toHaveProperty('transfer');
    expect(res.body.every((d: { source: string; name: string }) => d.source === 'HOLIDAY' && d.name.length > 0)).toBe(true);
  });

  it('adds an administrator closure (201, audited) that then shows among the closed days', async () => {
    const res = await request(server)
      .post('/api/v1/closures')
      .set('Authorization', admin)
      .send({ date: '2026-12-31', reason: 'New Year bridge day' })
      .expect(201);
    expect(res.body).toMatchObject({ date: '2026-12-31', kind: 'CLOSURE', reason: 'New Year bridge day', createdBy: 'admin' });
    const days = (await request(server).get('/api/v1/holidays?year=2026').set('Authorization', admin).expect(200)).body;
    expect(days).toContainEqual({ date: '2026-12-31', name: 'New Year bridge day', source: 'CLOSURE', closureId: res.body.id });
    const [audit] = await db.query(`SELECT username, details FROM audit_log WHERE action = 'closure.create' AND entity_id = $1`, [res.body.id]);
    expect(audit).toMatchObject({ username: 'admin', details: { date: '2026-12-31', kind: 'CLOSURE' } });
    expect(await closedDates(2027)).not.toContain('2026-12-31');
  });

  it('a decree WORKING_DAY opens a holiday; deleting it (204) closes the day again', async () => {
    const res = await request(server)
      .post('/api/v1/closures')
      .set('Authorization', admin)
      .send({ date: '2026-03-25', kind: 'WORKING_DAY', reason: 'Decree' })
      .expect(201);
    expect(await closedDates(2026)).not.toContain('2026-03-25');
    const stored = await request(server).get('/api/v1/closures?year=2026').set('Authorization', admin).expect(200);
    expect(stored.body.map((c: { date: string; kind: string }) => `${c.date} ${c.kind}`)).toEqual(['2026-03-25 WORKING_DAY', '2026-12-31 CLOSURE']);
    await request(server).delete(`/api/v1/closures/${res.body.id}`).set('Authorization', admin).expect(204);
    expect(await closedDates(2026)).toContain('2026-03-25');
    expect(Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'closure.delete' AND entity_id = $1`, [res.body.id]))[0].n)).toBe(1);
    await request(server).delete(`/api/v1/closures/${res.body.id}`).set('Authorization', admin).expect(404);
  });

  it('answers a second entry for the same date with 409 and writes nothing', async () => {
    const res = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2026-12-31', kind: 'WORKING_DAY' }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toContain('closure-exists');
    expect(Number((await db.query(`SELECT count(*) AS n FROM closures WHERE date = '2026-12-31'`))[0].n)).toBe(1);
  });

  it.each([
    ['an impossible date', { date: '2026-02-30' }, 'date'],
    ['a date-time', { date: '2026-05-04T00:00:00Z' }, 'date'],
    ['an unknown kind', { date: '2026-05-04', kind: 'HOLIDAY' }, 'kind'],
  ])('rejects %s with 400', async (_name, body, field) => {
    const res = await request(server).post('/api/v1/closures').set('Authorization', admin).send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(Number((await db.query(`SELECT count(*) AS n FROM closures WHERE date = '2026-05-04'`))[0].n)).toBe(0);
  });

  it('needs a sensible year', async () => {
    await request(server).get('/api/v1/holidays').set('Authorization', admin).expect(400);
    await request(server).get('/api/v1/holidays?year=twenty').set('Authorization', admin).expect(400);
  });

  it('with holidays NONE only the closures remain', async () => {
    await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ holidays: 'NONE' }).expect(200);
    expect(await closedDates(2026)).toEqual(['2026-12-31']);
    await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ holidays: 'KZ' }).expect(200);
  });

  it('keeps coordinators out of closure changes (403)', async () => {
    const coordinator = await bearer(t, 'coordinator');
    await request(server).post('/api/v1/closures').set('Authorization', coordinator).send({ date: '2026-06-01' }).expect(403);
    const [{ id }] = await db.query('SELECT id FROM closures LIMIT 1');
    await request(server).delete(`/api/v1/closures/${id}`).set('Authorization', coordinator).expect(403);
    expect(Number((await db.query('SELECT count(*) AS n FROM closures'))[0].n)).toBe(1);
  });
});
