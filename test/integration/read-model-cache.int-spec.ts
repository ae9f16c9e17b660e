import request from 'supertest';
import { DataSource } from 'typeorm';
import { BoardService } from '../../src/board/board.service';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 24 item 10: the board and the course list are kept per committed state of what they read
 * (read_model_version, bumped at commit by deferred triggers). Kept answers must never be older than
 * a write the client saw committed, and a ministry's list must never be served to anyone else.
 */
describe('read model cache: the board and the course list are kept until a write commits', () => {
  let t: TestApp;
  let db: DataSource;
  let server: HttpServer;
  let auth: Record<'coordinator' | 'ministry-kg', string>;
  let roomId: string;
  let patientId: string;
  let courseId: string;

  const version = async (): Promise<string> => (await db.query('SELECT version::text AS v FROM read_model_version'))[0].v;
  const sequenceValue = async (): Promise<number> => Number((await db.query('SELECT last_value FROM read_model_version_seq'))[0].last_value);
  const insertAppointment = (m: { query: DataSource['query'] }, fraction: number, start: string) =>
    m.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
       VALUES ($1, $2, $3, $4, $4::timestamptz + interval '30 minutes', $4::timestamptz + interval '10 minutes',
               $4::timestamptz + interval '18 minutes', 'main', false, 'BOOKED')`,
      [courseId, fraction, roomId, start],
    );
  /** The board as a client gets it: kept answers go out as the JSON remembered when they were computed. */
  const board = async () => {
    const res = await request(server).get('/api/v1/board?date=2027-03-01').set('Authorization', auth.coordinator).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.body as { appointments: Array<{ fraction: number; patient: { fullName: string } }> };
  };

  beforeAll(async () => {
    ({ t, db, server, auth } = await startApiApp({ role: 'api', demoCenter: true, users: ['coordinator', 'ministry-kg'] }));
    [{ id: roomId }] = await db.query(`SELECT id FROM rooms ORDER BY name LIMIT 1`);
    const insertCourse = async (lastName: string, country: string | null): Promise<string> => {
      const [p] = await db.query(
        `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Cache', $1, '1970-01-01', 'male', $2) RETURNING id`,
        [lastName, country ?? 'KZ'],
      );
      const [c] = await db.query(
        `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                              earliest_start, due_start, status, submission_no, submitted_at, referral_country_code)
         VALUES ($1, 'CNS', 'ROUTINE', 5, 5, 30, 8, 10, DATE '2027-03-01', DATE '2027-03-10', 'SCHEDULED', 1, now(), $2) RETURNING id`,
        [p.id, country],
      );
      patientId = p.id;
      return c.id;
    };
    await insertCourse('Kyrgyz', 'KG');
    courseId = await insertCourse('Local', null);
  });
  afterAll(async () => {
    await t.close();
  });

  it('bumps the version once per committed transaction, and not for one rolled back or still open', async () => {
    const before = await version();
    const seq = await sequenceValue();
    await db.transaction(async (m) => {
      await insertAppointment(m, 1, '2027-03-01T09:00+05:00');
      await insertAppointment(m, 2, '2027-03-02T09:00+05:00');
      await m.query(`UPDATE patients SET first_name = 'Cached' WHERE id = $1`, [patientId]);
    });
    expect(await version()).not.toBe(before);
    expect(await sequenceValue()).toBe(seq + 1);

    const committed = await version();
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await insertAppointment(runner, 3, '2027-03-03T09:00+05:00');
      expect(await version()).toBe(committed);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await version()).toBe(committed);
  });

  it('answers the board from the cache until a write commits, then shows the write at once', async () => {
    const compute = jest.spyOn(t.app.get(BoardService), 'uncached');
    const first = await board();
    expect(compute).toHaveBeenCalledTimes(1);
    expect(await board()).toEqual(first);
    expect(compute).toHaveBeenCalledTimes(1);

    // Another connection commits (as a worker would): the very next request shows it.
    await db.query(`UPDATE patients SET last_name = 'Renamed' WHERE id = $1`, [patientId]);
    const renamed = await board();
    expect(compute).toHaveBeenCalledTimes(2);
    expect(renamed.appointments.map((a) => a.patient.fullName)).toEqual(first.appointments.map(() => 'Cached Renamed'));

    await db.query(`UPDATE appointments SET status = 'CANCELLED' WHERE course_id = $1 AND fraction = 1`, [courseId]);
    expect((await board()).appointments).toHaveLength(first.appointments.length - 1);
    compute.mockRestore();
  });

  it('after a write, the requests that arrive together compute the answer once; a failed computation is not kept', async () => {
    const service = t.app.get(BoardService);
    const compute = jest.spyOn(service, 'uncached');
    await db.query(`UPDATE patients SET first_name = 'Cached' WHERE id = $1`, [patientId]);
    const bodies = await Promise.all(Array.from({ length: 20 }, () => board()));
    expect(compute).toHaveBeenCalledTimes(1);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);

    await db.query(`UPDATE patients SET first_name = 'Cached' WHERE id = $1`, [patientId]);
    compute.mockRejectedValueOnce(new Error('the database went away mid-answer'));
    await request(server).get('/api/v1/board?date=2027-03-01').set('Authorization', auth.coordinator).expect(500);
    expect(await board()).toEqual(bodies[0]);
    expect(compute).toHaveBeenCalledTimes(3);
    compute.mockRestore();
  });

  it("keeps a ministry's course list apart from the staff's: each sees its own scope, in either order", async () => {
    const list = async (who: 'coordinator' | 'ministry-kg') =>
      ((await request(server).get('/api/v1/courses').set('Authorization', auth[who]).expect(200)).body as Array<{ patient: { fullName: string } }>).map(
        (c) => c.patient.fullName,
      );
    expect((await list('coordinator')).sort()).toEqual(['Cache Kyrgyz', 'Cached Renamed']);
    expect(await list('ministry-kg')).toEqual(['Cache Kyrgyz']);
    expect((await list('coordinator')).sort()).toEqual(['Cache Kyrgyz', 'Cached Renamed']);
  });
});
