import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { insertScheduledCourse, roomIdsByName } from '../support/table-rows';
import { TestApp } from '../support/test-app';

/**
 * An administrator opening a day after courses were booked (a decree working Saturday) leaves those
 * courses with an open, unused day between two fractions. That gap is not a coordinator's move's
 * doing: moving one of their fractions within its day must still work, while a move that makes a
 * gap of its own is still refused (rule 6).
 */
describe('moving a fraction of a course booked before a working day was declared', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;
  let rooms: Record<string, string>;
  const ids: string[] = [];

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['admin', 'coordinator'] }));
    rooms = await roomIdsByName(db);
    const courseId = await insertScheduledCourse(db, {
      birthDate: '1980-01-01',
      fractions: 4,
      fractionMinutes: 30,
      earliestStart: '2027-03-04',
      dueStart: '2027-03-10',
    });
    // Thu 4, Fri 5, Tue 9, Wed 10 March 2027: Monday 8 March is a holiday, so the first week holds two.
    for (const [i, day] of ['2027-03-04', '2027-03-05', '2027-03-09', '2027-03-10'].entries()) {
      const [row] = await db.query(
        `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status, anesthesia)
         VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + interval '30 minutes', $4::timestamptz + interval '10 minutes',
                 $4::timestamptz + interval '18 minutes', 'main', 'BOOKED', false) RETURNING id`,
        [courseId, i + 1, rooms.G1, `${day}T09:00:00+05:00`],
      );
      ids.push(row.id);
    }
    await request(server)
      .post('/api/v1/closures')
      .set('Authorization', admin)
      .send({ date: '2027-03-06', kind: 'WORKING_DAY', reason: 'Decree: working Saturday' })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves the last fraction an hour later on its day (200)', async () => {
    const res = await request(server)
      .post(`/api/v1/appointments/${ids[3]}/move`)
      .set('Authorization', coordinator)
      .send({ start: '2027-03-10T10:00:00+05:00' });
    expect(res.body.violations ?? []).toEqual([]);
    expect(res.status).toBe(200);
  });

  it('still refuses (409, rule 6) moving Friday\u2019s fraction to Thursday 11 March, which leaves Friday unused', async () => {
    const res = await request(server)
      .post(`/api/v1/appointments/${ids[1]}/move`)
      .set('Authorization', coordinator)
      .send({ start: '2027-03-11T09:00:00+05:00' })
      .expect(409);
    expect(res.body.violations.some((v: { rule: number; message: string }) => v.rule === 6 && v.message.includes('2027-03-05 is open'))).toBe(true);
  });
});
