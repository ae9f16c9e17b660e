/**
 * Random centers and course streams for the core's property tests (fast-check): March 2027, up to
 * three rooms, random hours, QA, anesthesia teams, shared beam or not, holidays, closures,
 * downtimes, zones and pediatric hours; courses of every urgency, children by category or by a
 * birth date mid-course, unavailable dates and preferred windows.
 */
import fc from 'fast-check';
import { CenterConfig, CourseRequest, RoomKind, WeeklyHours } from '../types';

export const localDate = (timeZone: string, instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(instant));
export const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export const day = (d: number) => `2027-03-${String(d).padStart(2, '0')}`;

const hoursArb = fc
  .tuple(fc.integer({ min: 6 * 60, max: 10 * 60 }), fc.integer({ min: 60, max: 10 * 60 }), fc.boolean(), fc.boolean())
  .map(([open, len, sat, split]): WeeklyHours => {
    const close = Math.min(open + len, 23 * 60 + 59);
    const iv: Array<[string, string]> =
      split && close - open > 120
        ? [
            [hhmm(open), hhmm(open + 60)],
            [hhmm(open + 90), hhmm(close)],
          ]
        : [[hhmm(open), hhmm(close)]];
    return { mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: sat ? iv : null, sun: null };
  });

export const centerArb: fc.Arbitrary<CenterConfig> = fc
  .record({
    rooms: fc.array(fc.record({ kind: fc.constantFrom<RoomKind>('GANTRY', 'FIXED_BEAM'), active: fc.integer({ min: 0, max: 4 }).map((x) => x > 0) }), {
      minLength: 1,
      maxLength: 3,
    }),
    hours: hoursArb,
    qaMinutes: fc.constantFrom(0, 15, 30),
    teams: fc.integer({ min: 0, max: 2 }),
    anesthesiaStart: fc.integer({ min: 7 * 60, max: 10 * 60 }),
    sharedBeam: fc.boolean(),
    holidays: fc.constantFrom<'KZ' | false>('KZ', false),
    closures: fc.array(fc.integer({ min: 1, max: 31 }).map(day), { maxLength: 3 }),
    downtimes: fc.array(
      fc.record({
        room: fc.integer({ min: -1, max: 2 }),
        d: fc.integer({ min: 1, max: 31 }),
        start: fc.integer({ min: 7 * 60, max: 20 * 60 }),
        len: fc.integer({ min: 10, max: 300 }),
      }),
      { maxLength: 3 },
    ),
    timeZone: fc.constantFrom('Asia/Almaty', 'Europe/Berlin', 'UTC'),
    pediatric: fc.option(fc.tuple(fc.integer({ min: 6 * 60, max: 12 * 60 }), fc.integer({ min: 120, max: 12 * 60 }))),
  })
  .map((r) => {
    const rooms = r.rooms.map((x, i) => ({ id: `R${i + 1}`, kind: x.kind, active: x.active }));
    const aw: Array<[string, string]> = [[hhmm(r.anesthesiaStart), hhmm(r.anesthesiaStart + 240)]];
    // Downtimes are written with the zone's March offset (no DST change before the 28th).
    const offset = r.timeZone === 'Asia/Almaty' ? '+05:00' : r.timeZone === 'Europe/Berlin' ? '+01:00' : 'Z';
    return {
      timeZone: r.timeZone,
      rooms,
      hours: r.hours,
      qaMinutes: r.qaMinutes,
      anesthesia: { windows: { mon: aw, tue: aw, wed: aw, thu: aw, fri: aw, sat: null, sun: null }, teams: r.teams },
      sharedBeam: r.sharedBeam,
      holidays: r.holidays,
      closures: r.closures,
      workingDays: [],
      downtimes: r.downtimes.map((d) => ({
        roomId: d.room < 0 || d.room >= rooms.length ? null : rooms[d.room].id,
        start: `${day(d.d)}T${hhmm(d.start)}:00${offset}`,
        end: `${day(d.d)}T${hhmm(Math.min(d.start + d.len, 23 * 60 + 59))}:00${offset}`,
      })),
      ...(r.pediatric ? { pediatricHours: [hhmm(r.pediatric[0]), hhmm(Math.min(r.pediatric[0] + r.pediatric[1], 24 * 60 - 1))] as [string, string] } : {}),
    } satisfies CenterConfig;
  });

export const courseArb = (i: number) =>
  fc
    .record({
      arrivalDay: fc.integer({ min: 1, max: 14 }),
      arrivalMin: fc.integer({ min: 0, max: 23 * 60 }),
      delay: fc.integer({ min: 0, max: 5 }),
      fractions: fc.integer({ min: 1, max: 12 }),
      fpw: fc.integer({ min: 1, max: 5 }),
      fm: fc.integer({ min: 20, max: 60 }),
      bm: fc.integer({ min: 0, max: 10 }),
      anesthesia: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
      kinds: fc.constantFrom<RoomKind[] | undefined>(undefined, ['GANTRY'], ['FIXED_BEAM']),
      urgency: fc.constantFrom('EMERGENCY', 'URGENT', 'ROUTINE' as const),
      child: fc.boolean(),
      // A child turning 18 between 2 and 31 March, or no birth date (the category decides).
      eighteenthOn: fc.option(fc.integer({ min: 2, max: 31 })),
      unavailable: fc.array(fc.integer({ min: 1, max: 31 }).map(day), { maxLength: 4 }),
      preferred: fc.option(fc.tuple(fc.integer({ min: 7 * 60, max: 18 * 60 }), fc.integer({ min: 60, max: 5 * 60 }))),
    })
    .map((c): CourseRequest => ({
      id: `C${i}`,
      arrival: `${day(c.arrivalDay)}T${hhmm(c.arrivalMin)}:00Z`,
      patientCategory: c.anesthesia || c.child ? 'PEDIATRIC' : 'ADULT',
      ...((c.anesthesia || c.child) && c.eighteenthOn !== null ? { birthDate: `2009-03-${String(c.eighteenthOn).padStart(2, '0')}` } : {}),
      ...(c.unavailable.length ? { unavailableDates: [...new Set(c.unavailable)] } : {}),
      ...(c.preferred ? { preferredWindow: { from: hhmm(c.preferred[0]), to: hhmm(Math.min(c.preferred[0] + c.preferred[1], 23 * 60)) } } : {}),
      urgency: c.urgency,
      fractions: c.fractions,
      fractionsPerWeek: c.fpw,
      fractionMinutes: c.fm,
      beamMinutes: Math.min(c.bm, c.fm - 10),
      beamOffsetMinutes: Math.min(10, c.fm - Math.min(c.bm, c.fm - 10)),
      requiresAnesthesia: c.anesthesia,
      roomKinds: c.kinds,
      earliestStart: day(c.arrivalDay + c.delay),
      dueStart: day(Math.min(31, c.arrivalDay + c.delay + 7)),
    }));

export const scenarioArb = fc
  .tuple(centerArb, fc.integer({ min: 3, max: 14 }))
  .chain(([center, n]) => fc.tuple(fc.constant(center), fc.tuple(...Array.from({ length: n }, (_, i) => courseArb(i)))));
