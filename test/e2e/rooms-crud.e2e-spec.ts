import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';

describe('rooms', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator },
    } = await startApiApp({ role: 'api', users: ['admin', 'coordinator'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  const auditCount = async (action: string): Promise<number> =>
    Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = $1`, [action]))[0].n);

  it('creates a room (audited) and lists it for admins and coordinators', async () => {
    const res = await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ name: ' G1 ', kind: 'GANTRY' }).expect(201);
    expect(res.body).toMatchObject({ name: 'G1', kind: 'GANTRY', active: true });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ name: 'F1', kind: 'FIXED_BEAM', active: false }).expect(201);

    const list = await request(server).get('/api/v1/rooms').set('Authorization', coordinator).expect(200);
    expect(list.body.map((r: { name: string }) => r.name)).toEqual(['F1', 'G1']);
    const active = await request(server).get('/api/v1/rooms?active=true').set('Authorization', admin).expect(200);
    expect(active.body.map((r: { name: string }) => r.name)).toEqual(['G1']);

    const [audit] = await db.query(`SELECT username, details FROM audit_log WHERE action = 'room.create' AND entity_id = $1`, [res.body.id]);
    expect(audit).toMatchObject({ username: 'admin', details: { name: 'G1', kind: 'GANTRY', active: true } });
  });

  it('answers a duplicate name (any case) with 409 problem+json and writes nothing', async () => {
    const before = await auditCount('room.create');
    const res = await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ name: 'g1', kind: 'GANTRY' }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await auditCount('room.create')).toBe(before);
    expect(Number((await db.query('SELECT count(*) AS n FROM rooms'))[0].n)).toBe(2);
  });

  it('rejects an unknown kind, a missing name and unknown fields with 400 listing the fields', async () => {
    const bad = await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ name: 'X', kind: 'CYCLOTRON' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    const missing = await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ kind: 'GANTRY', colour: 'red' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'name']);
    const patch = await request(server).patch('/api/v1/rooms/not-a-uuid').set('Authorization', admin).send({ active: false }).expect(400);
    expect(patch.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('deactivates and renames through PATCH (audited with before/after), 404 for an unknown id', async () => {
    const [{ id }] = await db.query(`SELECT id FROM rooms WHERE name = 'G1'`);
    const res = await request(server).patch(`/api/v1/rooms/${id}`).set('Authorization', admin).send({ active: false, name: 'Gantry 1' }).expect(200);
    expect(res.body).toMatchObject({ id, name: 'Gantry 1', active: false, kind: 'GANTRY' });
    const [audit] = await db.query(`SELECT details FROM audit_log WHERE action = 'room.update' AND entity_id = $1`, [id]);
    expect(audit.details).toEqual({ active: { from: true, to: false }, name: { from: 'G1', to: 'Gantry 1' } });
    await request(server).patch('/api/v1/rooms/00000000-0000-4000-8000-000000000000').set('Authorization', admin).send({ active: true }).expect(404);
  });

  it('a rename onto a taken name is 409 and leaves the room as it was', async () => {
    const [{ id }] = await db.query(`SELECT id FROM rooms WHERE name = 'F1'`);
    await request(server).patch(`/api/v1/rooms/${id}`).set('Authorization', admin).send({ name: 'GANTRY 1', active: true }).expect(409);
    const [row] = await db.query('SELECT name, active FROM rooms WHERE id = $1', [id]);
    expect(row).toEqual({ name: 'F1', active: false });
  });

  it('keeps coordinators and ministries out of admin routes (403) and anonymous callers out entirely (401)', async () => {
    await request(server).post('/api/v1/rooms').set('Authorization', coordinator).send({ name: 'G9', kind: 'GANTRY' }).expect(403);
    const [{ id }] = await db.query(`SELECT id FROM rooms LIMIT 1`);
    await request(server).patch(`/api/v1/rooms/${id}`).set('Authorization', coordinator).send({ active: true }).expect(403);
    await request(server)
      .get('/api/v1/rooms')
      .set('Authorization', await bearer(t, 'ministry-kg'))
      .expect(403);
    await request(server).get('/api/v1/rooms').expect(401);
    expect(Number((await db.query(`SELECT count(*) AS n FROM rooms WHERE name = 'G9'`))[0].n)).toBe(0);
  });

  it('describes the center routes in the OpenAPI document', async () => {
    const doc = (await request(server).get('/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/rooms',
      '/api/v1/rooms/{id}',
      '/api/v1/calendar',
      '/api/v1/holidays',
      '/api/v1/closures',
      '/api/v1/closures/{id}',
      '/api/v1/downtimes',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.components.schemas.CreateRoomDto.properties.kind.enum).toEqual(['GANTRY', 'FIXED_BEAM']);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['UpdateCalendarDto', 'CalendarView', 'CreateDowntimeDto', 'CreatedDowntimeView', 'ClosedDayView']),
    );
  });
});
