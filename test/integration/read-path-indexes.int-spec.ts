import { DataSource } from 'typeorm';
import { BOARD_SQL } from '../../src/board/board.service';
import { startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 24 item 10: the day board read every appointment of the year on each request (no index
 * served `start < to AND "end" > from`). A fraction is at most a day long (CHECK), so the board's
 * query bounds `start` from below too and reads one range of appointments_start_idx.
 */
describe('read path: the board reads one index range of appointments', () => {
  let t: TestApp;
  let db: DataSource;
  let courseId: string;
  let roomId: string;

  beforeAll(async () => {
    ({ t, db } = await startApiApp({ role: 'api', demoCenter: true }));
    const [p] = await db.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Index', 'Path', '1970-01-01', 'male', 'KZ') RETURNING id`,
    );
    [{ id: courseId }] = await db.query(
      `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                            earliest_start, due_start, status, submission_no, submitted_at)
       VALUES ($1, 'CNS', 'ROUTINE', 5, 5, 30, 8, 10, DATE '2027-03-01', DATE '2027-03-10', 'SCHEDULED', 1, now()) RETURNING id`,
      [p.id],
    );
    [{ id: roomId }] = await db.query(`SELECT id FROM rooms ORDER BY name LIMIT 1`);
  });
  afterAll(async () => {
    await t.close();
  });

  const insert = (start: string, end: string) =>
    db.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
       VALUES ($1, 1, $2, $3, $4, $3::timestamptz + interval '1 minute', $3::timestamptz + interval '2 minutes', 'main', false, 'BOOKED')`,
      [courseId, roomId, start, end],
    );

  it('refuses a fraction longer than a day, which the bounded query would miss', async () => {
    await expect(insert('2027-03-01T09:00+05:00', '2027-03-02T09:30+05:00')).rejects.toThrow(/appointments_at_most_a_day/);
  });

  it("plans the board's query on appointments_start_idx", async () => {
    await insert('2027-03-01T09:00+05:00', '2027-03-01T09:30+05:00');
    const runner = db.createQueryRunner();
    try {
      // A handful of rows would be read whole anyway; with sequential scans priced out, only an index on start can serve it.
      await runner.query('SET enable_seqscan = off');
      const [{ 'QUERY PLAN': plan }] = await runner.query(`EXPLAIN (FORMAT JSON) ${BOARD_SQL}`, ['2027-02-28T19:00:00Z', '2027-03-01T19:00:00Z']);
      expect(JSON.stringify(plan)).toContain('appointments_start_idx');
    } finally {
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  });
});
