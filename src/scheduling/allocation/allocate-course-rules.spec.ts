import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { course } from '../testing/booking-factory';
import { AllocationResult, Booking } from '../types';
import { createPlanner, NO_RESERVATION } from './planner';

const center = demoCenter();
const sched = (r: AllocationResult) => {
  if (r.status !== 'SCHEDULED') throw new Error(`expected SCHEDULED, got ${r.reason}`);
  return r;
};

describe('Planner.search and allocate', () => {
  it('books every fraction on consecutive open days at one time in one room, skipping weekends and holidays', () => {
    const c = course('A', { fractions: 8, arrival: '2027-03-03T09:00:00+05:00', earliestStart: '2027-03-03' });
    const r = sched(createPlanner(center, []).search(c, { now: c.arrival }));
    expect(r.appointments.map((a) => a.start.slice(0, 10))).toEqual([
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
      '2027-03-09',
      '2027-03-10',
      '2027-03-11',
      '2027-03-12',
      '2027-03-16',
    ]);
    expect(new Set(r.appointments.map((a) => a.roomId)).size).toBe(1);
    expect(new Set(r.appointments.map((a) => a.start.slice(11, 16))).size).toBe(1);
    expect(r.lateStart).toBe(false);
    expect(checkSchedule(center, r.appointments, [c])).toEqual([]);
  });

  it('rule 5: never books before the arrival instant, even later the same day', () => {
    const c = course('A', { fractions: 1, arrival: '2027-03-03T15:07:00+05:00', earliestStart: '2027-03-03' });
    const r = sched(createPlanner(center, []).search(c, { now: c.arrival }));
    expect(Date.parse(r.appointments[0].start)).toBeGreaterThanOrEqual(Date.parse(c.arrival));
    expect(r.appointments[0].start.slice(0, 10)).toBe('2027-03-03');
  });

  it('fractionsPerWeek 3 uses the first three open days of each week', () => {
    const c = course('A', { fractions: 6, fractionsPerWeek: 3, earliestStart: '2027-03-01', arrival: '2027-02-26T09:00:00+05:00' });
    const r = sched(createPlanner(center, []).search(c, { now: c.arrival }));
    expect(r.appointments.map((a) => a.start.slice(0, 10))).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-09', '2027-03-10', '2027-03-11']);
    expect(checkSchedule(center, r.appointments, [c])).toEqual([]);
  });

  it('anesthesia fractions go inside the window and never overlap with one team', () => {
    // Without the urgent reservation, so the team limit alone decides (the reserve keeps a slot back).
    const planner = createPlanner(center, [], { reservation: NO_RESERVATION });
    const courses = Array.from({ length: 7 }, (_, i) =>
      course(`K${i}`, { fractions: 5, requiresAnesthesia: true, fractionMinutes: 50, patientCategory: 'PEDIATRIC', arrival: '2027-02-26T09:00:00+05:00' }),
    );
    const booked: Booking[] = [];
    for (const c of courses) {
      const r = planner.allocate(c, { now: c.arrival });
      if (r.status === 'SCHEDULED') booked.push(...r.appointments);
    }
    // 08:00–13:00 holds 6 fifty-minute fractions a day for one team: the 7th course starts a week later.
    const starts = booked.filter((b) => b.fraction === 1).map((b) => b.start.slice(0, 10));
    expect(starts.filter((d) => d === '2027-03-01')).toHaveLength(6);
    expect(checkSchedule(center, booked, courses)).toEqual([]);
  });

  it('the emergency reserve keeps two slots in the anesthesia window that two EMERGENCY children then get on time', () => {
    const planner = createPlanner(center, []);
    const kids = Array.from({ length: 7 }, (_, i) =>
      course(`K${i}`, { fractions: 5, requiresAnesthesia: true, fractionMinutes: 50, patientCategory: 'PEDIATRIC', arrival: '2027-02-26T09:00:00+05:00' }),
    );
    for (const c of kids) planner.allocate(c, { now: c.arrival });
    // One team holds 6 fifty-minute fractions a day; routine courses leave two of them free.
    expect(planner.bookings().filter((b) => b.fraction === 1 && b.start.startsWith('2027-03-01'))).toHaveLength(4);
    const emergency = (id: string, arrival: string) =>
      course(id, {
        urgency: 'EMERGENCY',
        fractions: 5,
        requiresAnesthesia: true,
        fractionMinutes: 50,
        patientCategory: 'PEDIATRIC',
        arrival,
        earliestStart: '2027-03-01',
        dueStart: '2027-03-01',
      });
    const e1 = emergency('E1', '2027-02-26T12:00:00+05:00');
    const e2 = emergency('E2', '2027-02-26T13:00:00+05:00');
    for (const e of [e1, e2]) {
      const r = sched(planner.allocate(e, { now: e.arrival }));
      expect(r.firstDate).toBe('2027-03-01');
      expect(r.lateStart).toBe(false);
    }
    expect(checkSchedule(center, planner.bookings(), [...kids, e1, e2])).toEqual([]);
  });

  it('a course that cannot start by dueStart is booked at the earliest feasible day and flagged lateStart', () => {
    const tiny = {
      ...center,
      rooms: [center.rooms[0]],
      hours: {
        ...center.hours,
        mon: [['07:00', '08:00']] as [string, string][],
        tue: [['07:00', '08:00']] as [string, string][],
        wed: [['07:00', '08:00']] as [string, string][],
        thu: [['07:00', '08:00']] as [string, string][],
        fri: [['07:00', '08:00']] as [string, string][],
      },
    };
    const planner = createPlanner(tiny, []);
    const first = course('A', { fractions: 10, arrival: '2027-02-26T09:00:00+05:00' });
    sched(planner.allocate(first, { now: first.arrival }));
    const second = course('B', { fractions: 2, arrival: '2027-02-26T10:00:00+05:00', dueStart: '2027-03-02' });
    const r = sched(planner.allocate(second, { now: second.arrival }));
    expect(r.lateStart).toBe(true);
    // A runs Mar 1–5, 9–12 and 16 (8 and 15 March are holidays), so B starts the 17th.
    expect(r.firstDate).toBe('2027-03-17');
  });

  it('UNSCHEDULABLE with a coordinator-readable reason when nothing fits within the horizon', () => {
    const c = course('A', { fractions: 5, roomKinds: ['FIXED_BEAM'] });
    const r = createPlanner(center, []).search(c, { now: c.arrival });
    expect(r).toEqual({ status: 'UNSCHEDULABLE', reason: expect.stringContaining('No active treatment room of FIXED_BEAM') });
    const long = course('B', { fractions: 5, requiresAnesthesia: true, fractionMinutes: 400 });
    const r2 = createPlanner(center, []).search(long, { now: long.arrival, horizonWeeks: 4 });
    expect(r2.status).toBe('UNSCHEDULABLE');
    if (r2.status === 'UNSCHEDULABLE') expect(r2.reason).toMatch(/anesthesia window/);
  });

  it('UNSCHEDULABLE naming the horizon when the earliest start lies beyond it (not a backwards date range)', () => {
    const c = course('A', { fractions: 5, earliestStart: '2027-09-01' });
    const r = createPlanner(center, []).search(c, { now: c.arrival, horizonWeeks: 4 });
    expect(r.status).toBe('UNSCHEDULABLE');
    if (r.status === 'UNSCHEDULABLE')
      expect(r.reason).toMatch(/cannot start before 2027-09-01, after the last start the planning horizon allows \(2027-\d\d-\d\d\)/);
  });

  it('search commits nothing; allocate commits into the index', () => {
    const c = course('A', { fractions: 3 });
    const planner = createPlanner(center, []);
    const a = sched(planner.search(c, { now: c.arrival }));
    const b = sched(planner.search(c, { now: c.arrival }));
    expect(b.appointments).toEqual(a.appointments);
    expect(planner.bookings()).toHaveLength(0);
    planner.allocate(c, { now: c.arrival });
    expect(planner.bookings()).toHaveLength(3);
  });
});
