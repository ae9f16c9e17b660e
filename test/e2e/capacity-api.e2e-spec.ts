import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { insertScheduledCourse, roomIdsByName } from '../support/table-rows';
import { TestApp } from '../support/test-app';

/**
 * Week of Monday 2027-03-01 (no Kazakh holiday; 8 March is the next Monday). Demo center: each room
 * is open 07:00-23:00 minus 30 min QA = 930 min a day, 4650 min over the five weekdays.
 */
describe('GET /capacity', () => {
  let t: TestApp;
  let coordinator: string;
  let rooms: Record<string, string>;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    ({
      t,
      auth: { coordinator },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['coordinator'] }));
    const ds = t.app.get(DataSource);
    rooms = await roomIdsByName(ds);
    const courseId = await insertScheduledCourse(ds, {
      birthDate: '1970-01-01',
      fractions: 3,
      fractionMinutes: 40,
      earliestStart: '2027-03-01',
      dueStart: '2027-03-20',
      submittedAt: '2027-02-20T10:00:00+05:00',
    });
    const appt = (fraction: number, room: string, start: string, end: string, status = 'BOOKED') =>
      ds.query(
        `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status)
         VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $4::timestamptz + interval '10 minutes', $4::timestamptz + interval '18 minutes', 'main', $6)`,
        [courseId, fraction, rooms[room], start, end, status],
      );
    // G1 on Tuesday: 07:30-08:00 (right after QA) and 09:00-09:40 → gaps of 60 and 800 minutes.
    await appt(1, 'G1', '2027-03-02T07:30:00+05:00', '2027-03-02T08:00:00+05:00');
    await appt(2, 'G1', '2027-03-02T09:00:00+05:00', '2027-03-02T09:40:00+05:00');
    // A cancelled fraction frees its time.
    await appt(3, 'G2', '2027-03-03T12:00:00+05:00', '2027-03-03T12:40:00+05:00', 'CANCELLED');
  });
  afterAll(async () => t?.close());

  it('reports open and booked minutes, utilization and free slots per room and week', async () => {
    const res = await http().get('/api/v1/capacity?from=2027-03-01&to=2027-03-08').set('Authorization', coordinator).expect(200);
    const byName = Object.fromEntries(res.body.rooms.map((r: any) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['G1', 'G2', 'G3']);

    const g1 = byName.G1.weeks;
    expect(g1).toHaveLength(1);
    expect(g1[0]).toEqual({
      isoWeek: '2027-W09',
      weekStart: '2027-03-01',
      days: 7,
      openMinutes: 4650,
      bookedMinutes: 70,
      utilization: 0.0151,
      // 4 untouched days of one 930-min gap, plus 60 and 800 on Tuesday.
      freeGaps: { '30': 6, '40': 6, '50': 6 },
      freeSlots: { '30': 4 * 31 + 2 + 26, '40': 4 * 23 + 1 + 20, '50': 4 * 18 + 1 + 16 },
    });
    const g2 = byName.G2.weeks[0];
    expect(g2).toMatchObject({ openMinutes: 4650, bookedMinutes: 0, utilization: 0, freeGaps: { '30': 5 }, freeSlots: { '30': 155 } });

    expect(res.body.weeks).toEqual([{ isoWeek: '2027-W09', weekStart: '2027-03-01', openMinutes: 3 * 4650, bookedMinutes: 70, utilization: 0.005 }]);
    expect(res.body.center.coursesScheduled).toBe(1);
    expect(res.body.center.coursesBookedOrInTreatment).toBe(1);
    expect(res.body.center.annualCapacity).toBe(800);
    // Three gantries, ~250 open days: the limit is near the 800 target (SPEC §3).
    expect(res.body.center.physicalLimit.coursesPerYear).toBeGreaterThan(600);
    expect(res.body.center.physicalLimit.coursesPerYear).toBeLessThan(1000);
    expect(res.body.center.physicalLimit.mixSource).toBe('default');
  });

  it('counts a holiday as closed: the week of 8 March has four open days', async () => {
    const res = await http().get('/api/v1/capacity?from=2027-03-08&to=2027-03-15').set('Authorization', coordinator).expect(200);
    expect(res.body.rooms[0].weeks[0].openMinutes).toBe(4 * 930);
  });

  it('rejects bad ranges with 400 problem+json and other roles with 403', async () => {
    for (const q of [
      'from=2027-02-30&to=2027-03-08',
      'from=2027-03-08&to=2027-03-08',
      'from=2027-03-09&to=2027-03-08',
      'from=2027-01-01&to=2028-02-01',
      'from=tomorrow&to=2027-03-08',
      'to=2027-03-08',
    ]) {
      const res = await http().get(`/api/v1/capacity?${q}`).set('Authorization', coordinator);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await http()
      .get('/api/v1/capacity?from=2027-03-01&to=2027-03-08')
      .set('Authorization', await bearer(t, 'ministry-kg'))
      .expect(403);
    await http()
      .get('/api/v1/capacity?from=2027-03-01&to=2027-03-08')
      .set('Authorization', await bearer(t, 'admin'))
      .expect(200);
  });
});
