import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { course } from '../testing/booking-factory';
import { AllocationResult, CenterConfig, CourseRequest, WeeklyHours } from '../types';
import { CorePlanner, createPlanner, NO_RESERVATION, PlannerOptions } from './planner';

// One room with two 30-minute places a day (07:30-08:30 after QA): easy to fill by hand.
const day: Array<[string, string]> = [['07:00', '08:30']];
const hours: WeeklyHours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null };
const center: CenterConfig = { ...demoCenter(), rooms: [{ id: 'G1', kind: 'GANTRY', active: true }], hours };

// Two routine courses fill both places from Tuesday 9 March 2027 (8 March is a holiday).
const routine = (id: string, extra: Partial<CourseRequest> = {}) =>
  course(id, { fractions: 10, arrival: '2027-03-01T09:00:00+05:00', earliestStart: '2027-03-08', dueStart: '2027-04-05', ...extra });
// An emergency on Wednesday 3 March: due Thursday, five fractions that run into the routine courses' weeks.
const emergency = course('E', {
  urgency: 'EMERGENCY',
  fractions: 5,
  arrival: '2027-03-03T09:00:00+05:00',
  earliestStart: '2027-03-03',
  dueStart: '2027-03-04',
});

function plannerWith(courses: CourseRequest[], options: PlannerOptions = {}) {
  const planner = createPlanner(center, [], { reservation: NO_RESERVATION, ...options });
  for (const c of courses) expect(planner.allocate(c, { now: c.arrival }).status).toBe('SCHEDULED');
  return planner;
}

const scheduled = (r: AllocationResult) => {
  if (r.status !== 'SCHEDULED') throw new Error(`expected SCHEDULED, got ${r.reason}`);
  return r;
};

describe('an EMERGENCY course moves not-started routine courses when it cannot otherwise start on time', () => {
  const r1 = routine('R1');
  const r2 = routine('R2');

  it('starts the emergency by its due day and moves exactly one routine course later, keeping every hard rule', () => {
    const planner = plannerWith([r1, r2]);
    const r = scheduled(planner.allocate(emergency, { now: emergency.arrival }));
    expect(r.lateStart).toBe(false);
    expect(r.firstDate).toBe('2027-03-04');
    expect(r.displaced).toHaveLength(1);
    const [moved] = r.displaced!;
    expect(['R1', 'R2']).toContain(moved.courseId);
    expect(moved.moves).toHaveLength(10);
    for (const m of moved.moves) {
      expect(m.from?.courseId).toBe(moved.courseId);
      expect(m.to?.fraction).toBe(m.fraction);
      expect(m.reason).toContain('EMERGENCY course E');
    }
    // The moved course now starts after the emergency's last fraction in the room's place it gave up.
    expect(moved.firstDate > '2027-03-09').toBe(true);
    const all = planner.bookings();
    expect(all.filter((b) => b.courseId === moved.courseId).map((b) => b.start)).toEqual(moved.moves.map((m) => m.to!.start));
    expect(checkSchedule(center, all, [r1, r2, emergency])).toEqual([]);
  });

  it('is late, with nobody moved, when displacement is off', () => {
    const planner = plannerWith([r1, r2], { displacement: false });
    const r = scheduled(planner.allocate(emergency, { now: emergency.arrival }));
    expect(r.lateStart).toBe(true);
    expect(r.displaced).toBeUndefined();
  });

  it('never moves URGENT courses', () => {
    const planner = plannerWith([routine('U1', { urgency: 'URGENT' }), routine('U2', { urgency: 'URGENT' })]);
    const r = scheduled(planner.allocate(emergency, { now: emergency.arrival }));
    expect(r.lateStart).toBe(true);
    expect(r.displaced).toBeUndefined();
  });

  it('never moves a course whose first fraction is closer than the notice period', () => {
    const planner = plannerWith([r1, r2], { displacement: { noticeDays: 7, maxCourses: 6 } });
    const r = scheduled(planner.allocate(emergency, { now: emergency.arrival }));
    expect(r.lateStart).toBe(true);
    expect(r.displaced).toBeUndefined();
  });

  it('never moves a course that has started: its booked fractions are not the whole course', () => {
    const planner = new CorePlanner(center, [], { reservation: NO_RESERVATION });
    // Both courses started on Monday 1 March; the live service lists them with 10 fractions but
    // the index only holds what is still booked, as if fraction 1 were delivered.
    for (const c of [
      routine('S1', { earliestStart: '2027-03-01', arrival: '2027-02-26T09:00:00+05:00' }),
      routine('S2', { earliestStart: '2027-03-01', arrival: '2027-02-26T09:00:00+05:00' }),
    ]) {
      const placed = scheduled(planner.allocate(c, { now: c.arrival }));
      planner.index.remove(planner.index.courseRefs(c.id)[0]);
      expect(placed.firstDate).toBe('2027-03-01');
    }
    const r = scheduled(planner.allocate(emergency, { now: emergency.arrival }));
    expect(r.lateStart).toBe(true);
    expect(r.displaced).toBeUndefined();
  });

  it('moves nobody when a moved course could not be placed again', () => {
    const planner = plannerWith([r1, r2]);
    // The offline horizon ends before the moved course could start again.
    const before = planner.bookings();
    const r = planner.allocate(emergency, { now: emergency.arrival, lastStartDate: '2027-03-09' });
    expect(r.status).toBe('UNSCHEDULABLE');
    expect(planner.bookings()).toEqual(before);
  });

  it('search() reports the moves but commits nothing; the live service passes its own candidates', () => {
    const planner = createPlanner(center, [], { reservation: NO_RESERVATION });
    const other = plannerWith([r1, r2]);
    planner.add(other.bookings().map((b, i) => ({ ...b, id: `appt-${i}` })));
    const before = planner.bookings();
    const withoutCandidates = scheduled(planner.search(emergency, { now: emergency.arrival }));
    expect(withoutCandidates.lateStart).toBe(true);
    const r = scheduled(planner.search(emergency, { now: emergency.arrival, displaceable: [r1, r2] }));
    expect(r.lateStart).toBe(false);
    expect(r.displaced![0].moves.every((m) => m.bookingId?.startsWith('appt-'))).toBe(true);
    expect(planner.bookings()).toEqual(before);
  });
});
