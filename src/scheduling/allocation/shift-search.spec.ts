/**
 * Bounded shifts on a hand-made day: one room whose free time is cut into slivers, so an
 * EMERGENCY course finds no 30-minute place until a booking moves a little.
 */
import { checkSchedule } from '../rules/check-schedule';
import { createPlanner } from './planner';
import { booking, course } from '../testing/booking-factory';
import { CenterConfig, CourseRequest } from '../types';
import { checkShifts, DEFAULT_SHIFT_POLICY } from './shift-limits';
import { DEFAULT_RESERVATION } from './reservation-policy';

const hours: Array<[string, string]> = [['08:00', '10:40']];
const center: CenterConfig = {
  timeZone: 'Asia/Almaty',
  rooms: [{ id: 'G1', kind: 'GANTRY', active: true }],
  hours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: null, sun: null },
  qaMinutes: 0,
  anesthesia: { windows: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: null, sun: null }, teams: 1 },
  sharedBeam: false,
  holidays: false,
  closures: [],
  workingDays: [],
  downtimes: [],
};

/** Three one-fraction courses a day on 2-4 March 2027 leaving gaps of 20, 20, 20 and 10 minutes. */
function bookedWeek(extra: Partial<CourseRequest> = {}) {
  const courses: CourseRequest[] = [];
  const bookings = [];
  for (const date of ['2027-03-02', '2027-03-03', '2027-03-04']) {
    for (const [i, t] of ['08:20', '09:10', '10:00'].entries()) {
      const id = `R-${date}-${i}`;
      courses.push(course(id, { fractions: 1, earliestStart: date, ...extra }));
      bookings.push(booking(id, 1, 'G1', date, t));
    }
  }
  return { courses, bookings };
}

const emergency = (arrival: string) => course('E', { urgency: 'EMERGENCY', arrival, fractions: 3, earliestStart: '2027-03-02', dueStart: '2027-03-02' });

describe('bounded shifts for an EMERGENCY course', () => {
  it('at 15:00 the day before, starts tomorrow by shifting one booking a day, within every limit', () => {
    const { courses, bookings } = bookedWeek();
    const planner = createPlanner(center, bookings, { shifts: DEFAULT_SHIFT_POLICY, lanes: false });
    const now = '2027-03-01T15:00:00+05:00';
    const e = emergency(now);
    const r = planner.allocate(e, { now, shiftable: courses });
    expect(r).toMatchObject({ status: 'SCHEDULED', lateStart: false, firstDate: '2027-03-02' });
    if (r.status !== 'SCHEDULED') return;
    expect(r.shifts).toHaveLength(3);
    const all = [...courses, e];
    expect(checkShifts(r.shifts!, { center, now, courses: new Map(all.map((c) => [c.id, c])) })).toEqual([]);
    expect(r.shifts!.every((s) => s.reason.startsWith('Shifted'))).toBe(true);
    expect(checkSchedule(center, planner.bookings(), all)).toEqual([]);
  });

  it('after 16:00 tomorrow is out of reach: the emergency starts late rather than shift anyone tomorrow', () => {
    const { courses, bookings } = bookedWeek();
    const planner = createPlanner(center, bookings, { shifts: DEFAULT_SHIFT_POLICY, lanes: false });
    const now = '2027-03-01T16:30:00+05:00';
    const r = planner.allocate(emergency(now), { now, shiftable: courses });
    expect(r.status === 'SCHEDULED' && r.firstDate === '2027-03-02').toBe(false);
    if (r.status === 'SCHEDULED') expect((r.shifts ?? []).filter((s) => s.from.start.startsWith('2027-03-02'))).toEqual([]);
  });

  it('never shifts a fraction under anesthesia, nor a patient shifted already that week', () => {
    const anesthesia = bookedWeek({ requiresAnesthesia: true, patientCategory: 'PEDIATRIC' });
    const p1 = createPlanner(
      center,
      anesthesia.bookings.map((b) => ({ ...b, anesthesia: true })),
      { shifts: DEFAULT_SHIFT_POLICY, lanes: false },
    );
    const now = '2027-03-01T10:00:00+05:00';
    const r1 = p1.search(emergency(now), { now, shiftable: anesthesia.courses });
    expect(r1.status === 'SCHEDULED' && !r1.lateStart).toBe(false);

    const { courses, bookings } = bookedWeek();
    const p2 = createPlanner(center, bookings, { shifts: DEFAULT_SHIFT_POLICY, lanes: false });
    const history = courses.map((c) => ({ patientKey: c.id, date: c.earliestStart }));
    const r2 = p2.search(emergency(now), { now, shiftable: courses, shiftHistory: history });
    expect(r2.status === 'SCHEDULED' && !r2.lateStart).toBe(false);
  });

  it('search() takes its shifts back out', () => {
    const { courses, bookings } = bookedWeek();
    const planner = createPlanner(center, bookings, { shifts: DEFAULT_SHIFT_POLICY, lanes: false });
    const now = '2027-03-01T09:00:00+05:00';
    const r = planner.search(emergency(now), { now, shiftable: courses });
    expect(r.status === 'SCHEDULED' && r.shifts?.length).toBe(3);
    expect(
      planner
        .bookings()
        .map((b) => b.start)
        .sort(),
    ).toEqual(bookings.map((b) => b.start).sort());
  });

  it('nightly compaction merges a day’s slivers into places, within the limits, and a second run changes nothing', () => {
    const { courses, bookings } = bookedWeek();
    const planner = createPlanner(center, bookings, { shifts: DEFAULT_SHIFT_POLICY, lanes: false });
    const now = '2027-02-28T02:00:00+05:00';
    const shifts = planner.compact('2027-03-02', now, courses, []);
    expect(shifts.map((s) => s.to.start.slice(11, 16))).toEqual(['08:00', '08:30', '09:00']);
    expect(checkShifts(shifts, { center, now, courses: new Map(courses.map((c) => [c.id, c])) })).toEqual([]);
    expect(planner.compact('2027-03-02', now, courses, [])).toEqual([]);
    // The freed 70 minutes now take a course that had no place that day.
    const late = course('W', { arrival: now, fractions: 1, earliestStart: '2027-03-02', dueStart: '2027-03-02' });
    expect(planner.allocate(late, { now })).toMatchObject({ status: 'SCHEDULED', firstDate: '2027-03-02' });
    expect(checkSchedule(center, planner.bookings(), [...courses, late])).toEqual([]);
  });
});

describe('bounded shifts and the emergency reserve', () => {
  // One standard place kept for tomorrow's emergency, nothing else (the children's kinds would
  // need the anesthesia window and longer gaps; they are not what this is about).
  const reservation = { ...DEFAULT_RESERVATION, emergencySlots: { adult: 1, child: 0, anesthesia: 0 } };
  const policy = { ...DEFAULT_SHIFT_POLICY, urgent: true };
  const now = '2027-03-01T10:00:00+05:00';
  const urgent = course('U', { urgency: 'URGENT', arrival: now, fractions: 1, earliestStart: '2027-03-02', dueStart: '2027-03-02' });

  /** 2 March (08:00–10:40) booked at `times`, one-fraction courses; the other days free. */
  function day(times: string[], extra: Partial<CourseRequest> = {}) {
    const courses = times.map((t, i) => course(`R${i}`, { fractions: 1, earliestStart: '2027-03-02', ...extra }));
    const bookings = times.map((t, i) => booking(`R${i}`, 1, 'G1', '2027-03-02', t));
    return { courses, planner: createPlanner(center, bookings, { shifts: policy, lanes: false, reservation }) };
  }

  it('refuses a shift whose occupant could only go into the place kept for an emergency', () => {
    // 10:00–10:40 holds the day's one emergency place: the URGENT course may not take it, and
    // shifting a booking into it to free that booking's place would fill it just the same.
    const { courses, planner } = day(['08:00', '08:30', '09:00', '09:30']);
    const r = planner.search(urgent, { now, shiftable: courses });
    expect(r).toMatchObject({ status: 'SCHEDULED', lateStart: true });
    if (r.status === 'SCHEDULED') expect(r.shifts ?? []).toEqual([]);
  });

  it('refuses it too when the occupant is an EMERGENCY course’s fraction: moved for an URGENT one, it is held to the URGENT test', () => {
    const { courses, planner } = day(['08:00', '08:30', '09:00', '09:30'], { urgency: 'EMERGENCY', dueStart: '2027-03-02' });
    const r = planner.search(urgent, { now, shiftable: courses });
    expect(r).toMatchObject({ status: 'SCHEDULED', lateStart: true });
    if (r.status === 'SCHEDULED') expect(r.shifts ?? []).toEqual([]);
  });

  it('shifts when the day keeps its emergency place: the occupant moves into a sliver next to it', () => {
    // Free 08:30–08:50, 09:20–09:40 and 10:10–10:40 (the emergency place): the URGENT course takes
    // 08:30 once the 08:50 booking moves to 09:00, and 10:10 stays free.
    const { courses, planner } = day(['08:00', '08:50', '09:40']);
    const r = planner.allocate(urgent, { now, shiftable: courses });
    expect(r).toMatchObject({ status: 'SCHEDULED', firstDate: '2027-03-02', lateStart: false });
    if (r.status !== 'SCHEDULED') return;
    expect(r.appointments[0].start.slice(11, 16)).toBe('08:30');
    expect(r.shifts?.map((sh) => [sh.from.start.slice(11, 16), sh.to.start.slice(11, 16)])).toEqual([['08:50', '09:00']]);
    expect(checkSchedule(center, planner.bookings(), [...courses, urgent])).toEqual([]);
  });
});
