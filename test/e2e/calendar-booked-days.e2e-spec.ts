import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { insertScheduledCourse, roomIdsByName } from '../support/table-rows';
import { TestApp } from '../support/test-app';
import { addDays, centerToday } from '../../src/common/center-clock';

/**
 * Closing a day or deactivating a room under booked fractions would leave them breaking hard rules
 * 1/2 with no job to move them; those changes answer 409 until a downtime has moved the fractions.
 */
describe('center changes over booked fractions', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let rooms: Record<string, string>;
  let courseId: string;

  const book = async (roomName: string, start: string, end: string, fraction: number, status = 'BOOKED', anesthesia = false) => {
    await db.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status, anesthesia)
       VALUES ($1, $2, $3, $4, $5, $4::timestamptz + interval '10 minutes', $4::timestamptz + interval '18 minutes', 'main', $6, $7)`,
      [courseId, fraction, rooms[roomName], start, end, status, anesthesia],
    );
  };
  const WEEKDAYS = (interval: Array<[string, string]> | null) => ({
    mon: interval,
    tue: interval,
    wed: interval,
    thu: interval,
    fri: interval,
    sat: null,
    sun: null,
  });
  const settingsRow = async () => (await db.query('SELECT * FROM center_settings'))[0] as Record<string, unknown>;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['admin'] }));
    rooms = await roomIdsByName(db);
    courseId = await insertScheduledCourse(db, {
      birthDate: '1980-01-01',
      fractions: 3,
      fractionMinutes: 30,
      earliestStart: '2027-03-01',
      dueStart: '2027-03-10',
    });
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

  it('tells the admin to record fractions that already started, since a downtime does not move them (409)', async () => {
    const day = addDays(centerToday('Asia/Almaty'), -2);
    await book('G2', `${day}T10:00:00+05:00`, `${day}T10:30:00+05:00`, 6);
    const res = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: day, reason: 'power cut' }).expect(409);
    expect(res.body).toMatchObject({ bookedFractions: 1, startedFractions: 1 });
    expect(res.body.detail).toMatch(/deliver or miss/);
    expect(res.body.detail).not.toMatch(/declare a downtime/);
    await db.query(`UPDATE appointments SET status = 'CANCELLED' WHERE course_id = $1 AND fraction = 6`, [courseId]);
    await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: day, reason: 'power cut' }).expect(201);
  });

  it('refuses to remove a decree working day that already has booked fractions', async () => {
    const created = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-03-06', kind: 'WORKING_DAY' }).expect(201);
    await book('G2', '2027-03-06T09:00:00+05:00', '2027-03-06T09:30:00+05:00', 3);
    await request(server).delete(`/api/v1/closures/${created.body.id}`).set('Authorization', admin).expect(409);
    expect(Number((await db.query('SELECT count(*) AS n FROM closures WHERE id = $1', [created.body.id]))[0].n)).toBe(1);
  });

  it('removes a working day entry on a date that is open anyway (204), bookings there or not', async () => {
    // Wednesday 10 March 2027 is an ordinary working day: the entry opens nothing, so removing it closes nothing.
    const created = await request(server)
      .post('/api/v1/closures')
      .set('Authorization', admin)
      .send({ date: '2027-03-10', kind: 'WORKING_DAY', reason: 'wrong date' })
      .expect(201);
    await book('G2', '2027-03-10T12:00:00+05:00', '2027-03-10T12:30:00+05:00', 5);
    await request(server).delete(`/api/v1/closures/${created.body.id}`).set('Authorization', admin).expect(204);
    expect(Number((await db.query('SELECT count(*) AS n FROM closures WHERE id = $1', [created.body.id]))[0].n)).toBe(0);
    await db.query(`UPDATE appointments SET status = 'CANCELLED' WHERE course_id = $1 AND fraction = 5`, [courseId]);
  });

  it('refuses a calendar change that would leave booked fractions outside the open hours (409, nothing changed)', async () => {
    const before = await settingsRow();
    const res = await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ hours: { ...WEEKDAYS([['07:00', '23:00']]), mon: [['07:00', '09:00']] }, annualCapacity: 700 })
      .expect(409);
    expect(res.body.type).toContain('calendar-strands-bookings');
    // 1 March 2027 (Monday) at 10:00, and the Saturday working day that works Monday's hours.
    expect(res.body.bookedFractions).toBe(2);
    expect(res.body.sample.map((b: { start: string }) => b.start)).toEqual(['2027-03-01T05:00:00.000Z', '2027-03-06T04:00:00.000Z']);
    expect(await settingsRow()).toEqual(before);
    const qa = await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ qaMinutes: 180 }).expect(409);
    expect(qa.body.bookedFractions).toBe(1);
  });

  it('checks anesthesia fractions against the new anesthesia window; harmless changes pass', async () => {
    await book('G1', '2027-03-03T10:00:00+05:00', '2027-03-03T10:50:00+05:00', 4, 'BOOKED', true);
    await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ anesthesia: { windows: { ...WEEKDAYS([['08:00', '13:00']]), wed: [['08:00', '10:30']] } } })
      .expect(409);
    await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ hours: WEEKDAYS([['06:30', '23:30']]), anesthesia: { windows: WEEKDAYS([['08:00', '14:00']]) }, qaMinutes: 20 })
      .expect(200);
  });

  it("refuses a room kind change that the room's booked courses do not accept", async () => {
    await db.query(`UPDATE courses SET room_kinds = '{GANTRY}' WHERE id = $1`, [courseId]);
    const res = await request(server).patch(`/api/v1/rooms/${rooms.G1}`).set('Authorization', admin).send({ kind: 'FIXED_BEAM' }).expect(409);
    expect(res.body.type).toContain('room-kind-breaks-bookings');
    expect((await db.query('SELECT kind FROM rooms WHERE id = $1', [rooms.G1]))[0].kind).toBe('GANTRY');
    await db.query(`UPDATE courses SET room_kinds = '{}' WHERE id = $1`, [courseId]);
    await request(server).patch(`/api/v1/rooms/${rooms.G1}`).set('Authorization', admin).send({ kind: 'FIXED_BEAM' }).expect(200);
  });
});
