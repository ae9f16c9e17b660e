import request from 'supertest';
import { DataSource } from 'typeorm';
import { CenterSeedService } from '../../src/center/center-seed.service';
import { bearer, seedDemoUsers } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Closing a day or deactivating a room under booked fractions would leave them breaking hard rules
 * 1/2 with no job to move them; those changes answer 409 until a downtime has moved the fractions.
 */
describe('center changes over booked fractions', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let db: DataSource;
  let admin: string;
  let rooms: Record<string, string>;
  let courseId: string;

  const book = async (roomName: string, start: string, end: string, fraction: number, status = 'BOOKED') => {
    await db.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status)
       VALUES ($1, $2, $3, $4, $5, $4::timestamptz + interval '10 minutes', $4::timestamptz + interval '18 minutes', 'main', $6)`,
      [courseId, fraction, rooms[roomName], start, end, status],
    );
  };

  beforeAll(async () => {
    t = await createTestApp({ role: 'api' });
    server = t.app.getHttpServer();
    db = t.app.get(DataSource);
    await seedDemoUsers(t);
    await t.app.get(CenterSeedService).ensureDemoCenter();
    admin = await bearer(t, 'admin');
    const rows: Array<{ id: string; name: string }> = await db.query('SELECT id, name FROM rooms');
    rooms = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const [patient] = await db.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Test', 'Patient', '1980-01-01', 'female', 'KZ') RETURNING id`,
    );
    const [course] = await db.query(
      `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes, earliest_start, due_start, status)
       VALUES ($1, 'CNS', 'ROUTINE', 3, 5, 30, 8, 10, '2027-03-01', '2027-03-10', 'SCHEDULED') RETURNING id`,
      [patient.id],
    );
    courseId = course.id;
    await book('G1', '2027-03-01T10:00:00+05:00', '2027-03-01T10:30:00+05:00', 1);
    await book('G3', '2027-03-02T10:00:00+05:00', '2027-03-02T10:30:00+05:00', 2, 'CANCELLED');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses to deactivate a room with booked future fractions (409), but not an idle one', async () => {
    const res = await request(server).patch(`/api/v1/rooms/${rooms.G1}`).set('Authorization', admin).send({ active: false }).expect(409);
    expect(res.body).toMatchObject({ bookedFractions: 1 });
    expect(res.body.type).toContain('room-has-bookings');
    expect((await db.query('SELECT active FROM rooms WHERE id = $1', [rooms.G1]))[0].active).toBe(true);
    await request(server).patch(`/api/v1/rooms/${rooms.G3}`).set('Authorization', admin).send({ active: false }).expect(200);
  });

  it('refuses a closure on a day with booked fractions (409); cancelled ones do not count', async () => {
    const res = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-03-01' }).expect(409);
    expect(res.body.type).toContain('closure-has-bookings');
    await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-03-02' }).expect(201);
    expect((await db.query('SELECT date::text AS date FROM closures ORDER BY date')).map((r: { date: string }) => r.date)).toEqual(['2027-03-02']);
  });

  it('refuses to remove a decree working day that already has booked fractions', async () => {
    const created = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-03-06', kind: 'WORKING_DAY' }).expect(201);
    await book('G2', '2027-03-06T09:00:00+05:00', '2027-03-06T09:30:00+05:00', 3);
    await request(server).delete(`/api/v1/closures/${created.body.id}`).set('Authorization', admin).expect(409);
    expect(Number((await db.query('SELECT count(*) AS n FROM closures WHERE id = $1', [created.body.id]))[0].n)).toBe(1);
  });
});
