import fc from 'fast-check';
import { calendarFor } from '../calendar/center-calendar';
import { demoCenter } from '../defaults/demo-center';
import { generateScenario } from '../scenario/generate-scenario';
import { scenarioCourses, scenarioToCenter } from '../scenario/plan-scenario';
import { checkSchedule } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { dayNumOf, formatDate } from '../time/civil-day';
import { formatInstant } from '../time/zone';
import { Booking, CourseRequest } from '../types';
import { DayLanes } from './day-lanes';
import { createPlanner } from './planner';

const center = demoCenter();
const cal = calendarFor(center);
// Thursday 2027-03-04: the day offered two days after "now" (Tuesday 2027-03-02).
const now = '2027-03-02T18:00:00+05:00';
const offered = '2027-03-04';

/** The first 30-minute place of G1 on the template, as "HH:MM". */
function firstStandardPlace(): string {
  const lanes = new DayLanes(cal, 10).of(dayNumOf(2027, 3, 4))!;
  const place = lanes[0].find((l) => l.minutes === 30 && !l.anesthesia)!;
  return formatInstant(center.timeZone, place.start).slice(11, 16);
}

/** `n` consecutive open days from `from` (the demo center is open Mon-Fri, 2027-03-08 is a holiday). */
function openDays(from: string, n: number): string[] {
  const [y, m, d] = from.split('-').map(Number);
  const out: string[] = [];
  for (let day = dayNumOf(y, m, d); out.length < n; day++) if (cal.isOpenDay(day)) out.push(formatDate(day));
  return out;
}

function seriesIn(courseId: string, room: string, hhmm: string, dates: string[], minutes = 30): Booking[] {
  return dates.map((date, i) => booking(courseId, i + 1, room, date, hhmm, { id: `${courseId}-${i + 1}`, minutes }));
}

const hhmm = firstStandardPlace();
const routine = course('LATER', { arrival: '2027-02-20T09:00:00+05:00', earliestStart: '2027-03-03', dueStart: '2027-03-31', fractions: 8 });

describe('early starts: a place freed a couple of days ahead goes to the course booked next in it', () => {
  it('moves the next routine course in the place up to the free day, same time and room, every rule kept', () => {
    const planner = createPlanner(center, seriesIn('LATER', 'G1', hhmm, openDays('2027-03-11', 8)));
    const started = planner.offerEarlierStarts(now, [routine]);
    expect(started.map((e) => [e.courseId, e.firstDate, e.lateStart])).toEqual([['LATER', offered, false]]);
    const moves = started[0].moves;
    expect(moves).toHaveLength(8);
    expect(moves.map((m) => m.to!.start.slice(0, 10))).toEqual(openDays(offered, 8));
    for (const m of moves) {
      expect(m.to!.roomId).toBe('G1');
      expect(m.to!.start.slice(11, 16)).toBe(hhmm);
      expect(m.bookingId).toBe(`LATER-${m.fraction}`);
      expect(m.reason).toMatch(/came free on 2027-03-04/);
    }
    expect(checkSchedule(center, planner.bookings(), [routine])).toEqual([]);
  });

  it('leaves a course that has started alone: the booking next in the place is not its first fraction', () => {
    const dates = openDays('2027-03-01', 12);
    // Treated on 1-3 March in another place, then in G1's first place from the 9th.
    const bookings = [
      ...seriesIn('LATER', 'G2', '12:00', dates.slice(0, 3)),
      ...seriesIn('LATER', 'G1', hhmm, dates.slice(3)).map((b, i) => ({ ...b, fraction: i + 4, id: `LATER-${i + 4}` })),
    ];
    const planner = createPlanner(center, bookings);
    expect(planner.offerEarlierStarts(now, [{ ...routine, fractions: 12 }])).toEqual([]);
  });

  it('moves only the courses it is given as movable, and never URGENT or EMERGENCY ones', () => {
    const later = seriesIn('LATER', 'G1', hhmm, openDays('2027-03-11', 8));
    expect(createPlanner(center, later).offerEarlierStarts(now, [])).toEqual([]);
    expect(createPlanner(center, later).offerEarlierStarts(now, [{ ...routine, urgency: 'URGENT' }])).toEqual([]);
  });

  it('does not move a course up before its earliest start', () => {
    const planner = createPlanner(center, seriesIn('LATER', 'G1', hhmm, openDays('2027-03-11', 8)));
    expect(planner.offerEarlierStarts(now, [{ ...routine, earliestStart: '2027-03-05' }])).toEqual([]);
  });

  it('does not squeeze a longer fraction into a shorter place', () => {
    const child: CourseRequest = { ...routine, fractionMinutes: 40, patientCategory: 'PEDIATRIC' };
    const planner = createPlanner(center, seriesIn('LATER', 'G1', hhmm, openDays('2027-03-11', 8), 40));
    expect(planner.offerEarlierStarts(now, [child])).toEqual([]);
  });

  it('is off with earlyStarts: false', () => {
    const planner = createPlanner(center, seriesIn('LATER', 'G1', hhmm, openDays('2027-03-11', 8)), { earlyStarts: false });
    expect(planner.offerEarlierStarts(now, [routine])).toEqual([]);
  });

  it('in a planned year, moves courses only earlier and breaks no rule', () => {
    const s = generateScenario({ courses: 800, year: 2027, seed: 4 });
    const yearCenter = scenarioToCenter(s);
    const courses = scenarioCourses(s, yearCenter);
    const planner = createPlanner(yearCenter, []);
    for (const c of courses) planner.allocate(c, { now: c.arrival, lastStartDate: s.horizon.to });
    expect(planner.earlier.length).toBeGreaterThan(10);
    for (const e of planner.earlier) {
      const first = e.moves.find((m) => m.fraction === 1)!;
      expect(first.to!.start < first.from!.start).toBe(true);
    }
    expect(checkSchedule(yearCenter, planner.bookings(), courses)).toEqual([]);
  });

  it('property: on a crowded small center, early starts only move courses earlier, keep their room, and break no rule', () => {
    let moved = 0;
    // One room, afternoons only (no anesthesia places): eleven places a day, crowded by 20-40 courses.
    const afternoon: Array<[string, string]> = [['14:00', '20:00']];
    const small: typeof center = {
      ...center,
      rooms: center.rooms.slice(0, 1),
      hours: { mon: afternoon, tue: afternoon, wed: afternoon, thu: afternoon, fri: afternoon, sat: null, sun: null },
    };
    const courseArb = (i: number) =>
      fc
        .record({
          day: fc.integer({ min: 1, max: 25 }),
          fractions: fc.integer({ min: 3, max: 20 }),
          urgent: fc.integer({ min: 0, max: 4 }),
          child: fc.boolean(),
        })
        .map((c): CourseRequest =>
          course(`C${String(i).padStart(2, '0')}`, {
            arrival: `2027-03-${String(c.day).padStart(2, '0')}T10:00:00+05:00`,
            earliestStart: `2027-03-${String(c.day + 2).padStart(2, '0')}`,
            dueStart: `2027-04-${String(c.day).padStart(2, '0')}`,
            urgency: c.urgent === 0 ? 'URGENT' : 'ROUTINE',
            fractions: c.fractions,
            ...(c.child ? { patientCategory: 'PEDIATRIC' as const, fractionMinutes: 40 } : {}),
          }),
        );
    const coursesArb = fc.integer({ min: 20, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => courseArb(i))));
    fc.assert(
      fc.property(coursesArb, (courses) => {
        const ordered = [...courses].sort((a, b) => a.arrival.localeCompare(b.arrival) || a.id.localeCompare(b.id));
        const planner = createPlanner(small, []);
        for (const c of ordered) planner.allocate(c, { now: c.arrival, horizonWeeks: 12 });
        for (const e of planner.earlier) {
          moved++;
          const first = e.moves.find((m) => m.fraction === 1)!;
          expect(first.to!.start < first.from!.start).toBe(true);
          expect(e.moves.every((m) => m.to!.roomId === first.to!.roomId)).toBe(true);
          // A course booked at one time of day keeps it; one the allocator had to spread over ±30 minutes
          // stays within ±30 minutes of its new first fraction (soft rule 2).
          const minuteOfDay = (iso: string) => Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
          const wasOneTime = new Set(e.moves.map((m) => m.from!.start.slice(11))).size === 1;
          if (wasOneTime) expect(new Set(e.moves.map((m) => m.to!.start.slice(11))).size).toBe(1);
          for (const m of e.moves) expect(Math.abs(minuteOfDay(m.to!.start) - minuteOfDay(first.to!.start))).toBeLessThanOrEqual(30);
        }
        expect(checkSchedule(small, planner.bookings(), courses)).toEqual([]);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 40), seed: Number(process.env.PROP_SEED ?? 20271104) },
    );
    expect(moved).toBeGreaterThan(0);
  });
});
