import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { insertScheduledCourse, roomIdsByName } from '../support/table-rows';
import { TestApp } from '../support/test-app';

/**
 * A calendar change answers 409 for the booked fractions it would strand, not for the ones a
 * downtime already took out of open time and whose reschedule has not run (PENDING) or FAILED:
 * those are the reschedule's business, and an administrator opening more hours to make room for
 * it must not be refused because of them. API role only: no worker runs the reschedule.
 */
describe('calendar changes while a downtime reschedule is pending', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let rooms: Record<string, string>;
  let courseId: string;

  const WEEKDAYS = (interval: Array<[string, string]> | null) => ({
    mon: interval,
    tue: interval,
    wed: interval,
    thu: interval,
    fri: interval,
    sat: null,
    sun: null,
  });
  const book = async (roomName: string, start: string, end: string, fraction: number) => {
    await db.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status, anesthesia)
       VALUES ($1, $2, $3, $4, $5, $4::timestamptz + interval '10 minutes', $4::timestamptz + interval '18 minutes', 'main', 'BOOKED', false)`,
      [courseId, fraction, rooms[roomName], start, end],
    );
  };

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
      fractions: 2,
      fractionMinutes: 30,
      earliestStart: '2027-04-05',
      dueStart: '2027-04-12',
    });
    await book('G1', '2027-04-05T10:00:00+05:00', '2027-04-05T10:30:00+05:00', 1);
    await book('G1', '2027-04-06T20:00:00+05:00', '2027-04-06T20:30:00+05:00', 2);
    await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: rooms.G1, start: '2027-04-05T09:00:00+05:00', end: '2027-04-05T12:00:00+05:00', kind: 'UNPLANNED', reason: 'Gantry fault' })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens Saturdays (200) although a fraction still sits in the pending downtime', async () => {
    const res = await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ hours: { ...WEEKDAYS([['07:00', '23:00']]), sat: [['08:00', '14:00']] } })
      .expect(200);
    expect(res.body.hours.sat).toEqual([['08:00', '14:00']]);
  });

  it('still refuses (409) a change that strands another fraction, counting only that one', async () => {
    const res = await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ hours: { ...WEEKDAYS([['07:00', '19:00']]), sat: [['08:00', '14:00']] } })
      .expect(409);
    expect(res.body.type).toContain('calendar-strands-bookings');
    expect(res.body.bookedFractions).toBe(1);
    expect(res.body.sample.map((b: { start: string }) => b.start)).toEqual(['2027-04-06T15:00:00.000Z']);
    const [row] = await db.query('SELECT hours FROM center_settings');
    expect(row.hours.mon).toEqual([['07:00', '23:00']]);
  });
});
