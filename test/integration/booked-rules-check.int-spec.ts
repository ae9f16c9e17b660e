import { DataSource } from 'typeorm';
import { insertBookings } from '../../src/appointments/appointment-writer';
import { checkBookedRules } from '../../src/bookings/booked-rules-check';
import { CenterConfigService } from '../../src/center/center-config.service';
import { Course } from '../../src/courses/course.entity';
import { courseRequests } from '../../src/courses/course-requests';
import { createPlanner } from '../../src/scheduling';
import { startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

/**
 * Issue 24 item 12: the pipeline bench's "0 overlaps" is what the exclusion constraints guarantee.
 * This checks the stored bookings against every hard rule with the core's checker, and it must see
 * what the constraints let through: a child's fraction at night on a Sunday overlaps nothing.
 */
describe('checkBookedRules: stored bookings judged by every hard rule', () => {
  let t: TestApp;
  let db: DataSource;
  let centerConfig: CenterConfigService;

  beforeAll(async () => {
    ({ t, db } = await startApiApp({ role: 'api', demoCenter: true }));
    centerConfig = t.app.get(CenterConfigService);
  });
  afterAll(async () => {
    await t.close();
  });

  async function course(birthDate: string, earliestStart: string): Promise<Course> {
    const [p] = await db.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Rule', 'Check', $1, 'male', 'KZ') RETURNING id`,
      [birthDate],
    );
    const [c] = await db.query(
      `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                            earliest_start, due_start, status, submission_no, submitted_at)
       VALUES ($1, 'CNS', 'ROUTINE', 5, 5, 30, 8, 10, $2, $2::date + 20, 'SCHEDULED', 1, now()) RETURNING id`,
      [p.id, earliestStart],
    );
    return db.getRepository(Course).findOneByOrFail({ id: c.id });
  }

  it("finds no violation in what the core's planner booked, and counts a night-time Sunday fraction the constraints accepted", async () => {
    const earliest = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const adult = await course('1970-03-01', earliest);
    const center = await centerConfig.load();
    const [request] = await courseRequests(db.manager, [adult]);
    const result = createPlanner(center, []).allocate(request, { now: new Date().toISOString() });
    if (result.status !== 'SCHEDULED') throw new Error(`planner: ${JSON.stringify(result)}`);
    await insertBookings(db.manager, result.appointments, center.sharedBeam);

    const clean = await checkBookedRules(db.manager, centerConfig);
    expect(clean).toMatchObject({ bookings: 5, courses: 1, violations: 0 });

    // Next Sunday 23:30 local (+05:00): closed day, outside hours, outside children's hours; no overlap at all.
    const child = await course('2018-05-05', earliest);
    const day = new Date(`${earliest}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
    const at = (min: number) => new Date(Date.parse(`${day.toISOString().slice(0, 10)}T23:30:00+05:00`) + min * 60_000).toISOString();
    const room = center.rooms[0].id;
    await insertBookings(
      db.manager,
      [{ courseId: child.id, fraction: 1, roomId: room, start: at(0), end: at(30), beamStart: at(10), beamEnd: at(18), anesthesia: false }],
      center.sharedBeam,
    );

    const dirty = await checkBookedRules(db.manager, centerConfig);
    expect(dirty.bookings).toBe(6);
    expect(dirty.courses).toBe(2);
    expect(dirty.byRule['1']).toBeGreaterThan(0);
    expect(dirty.byRule['3']).toBe(0);
    expect(dirty.byRule['8']).toBe(0);
    expect(dirty.violations).toBe(Object.values(dirty.byRule).reduce((a, b) => a + b, 0));
    expect(dirty.samples.some((s) => s.startsWith('rule 1:'))).toBe(true);
  });
});
