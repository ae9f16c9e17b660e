import { demoCenter } from '../defaults/demo-center';
import { createPlanner } from '../allocation/planner';
import { checkSchedule } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { Booking, CenterConfig, CourseRequest, Move } from '../types';
import { coursesLeftOnOpenedDays, openedDays, rescheduleForOpenedDays } from './reschedule-opened-days';

const apply = (bookings: Booking[], moves: Move[]) =>
  bookings.flatMap((b) => {
    const m = moves.find((x) => x.bookingId === b.id);
    return m ? (m.to ? [m.to] : []) : [b];
  });

/** The course's fractions as the allocator books them on `center` (ids A1..An), past ones DELIVERED. */
function booked(center: CenterConfig, c: CourseRequest, now?: string, existing: Booking[] = []): Booking[] {
  const r = createPlanner(center, existing).allocate(c, { now: c.arrival });
  if (r.status !== 'SCHEDULED') throw new Error(r.reason);
  return r.appointments.map((a) => ({
    ...a,
    id: `${a.courseId}${a.fraction}`,
    ...(now && Date.parse(a.end) <= Date.parse(now) ? { status: 'DELIVERED' as const } : {}),
  }));
}
const dayOf = (b: Booking) => b.start.slice(0, 10);

/**
 * May 2027 in Kazakhstan: Mon 3 (1 May's day off), Fri 7 and Mon 10 (9 May's day off) are holidays. A
 * decree makes Saturday 8 May a working day, swapped with Monday 17 May off (closed already before:
 * an administrator closes a day only once its fractions are moved). The week of 3 May then has four
 * open days and a five-a-week course booked before the decree has three fractions in it.
 */
const before: CenterConfig = { ...demoCenter(), closures: ['2027-05-17'] };
const after: CenterConfig = { ...before, workingDays: ['2027-05-08'] };
const decree = [{ date: '2027-05-08', why: 'decree working day' }];
const fiveAWeek = course('A', { fractions: 25, arrival: '2027-04-20T09:00:00+05:00', earliestStart: '2027-04-26', dueStart: '2027-05-10' });

describe('openedDays', () => {
  it('names the decree working day, a lifted closure and a weekday given hours, not longer hours on an open day', () => {
    const dates = (opened: Array<{ date: string }>) => opened.map((o) => o.date);
    expect(openedDays(before, after, '2027-05-01', '2027-05-31')).toEqual([{ date: '2027-05-08' }]);
    expect(dates(openedDays(before, demoCenter(), '2027-05-01', '2027-05-31'))).toEqual(['2027-05-17']);
    const saturdays = { ...before, hours: { ...before.hours, sat: [['09:00', '15:00']] as Array<[string, string]> } };
    expect(dates(openedDays(before, saturdays, '2027-05-01', '2027-05-16'))).toEqual(['2027-05-08', '2027-05-15']);
    const longer = { ...before, hours: { ...before.hours, tue: [['06:00', '23:30']] as Array<[string, string]> } };
    expect(openedDays(before, longer, '2027-05-01', '2027-05-31')).toEqual([]);
  });

  it('an anesthesia window added on Wednesdays opens them only for courses that need anesthesia', () => {
    // Both courses were booked while Wednesday 12 May was closed; it opened since, and nobody moved them.
    const closedWednesday: CenterConfig = { ...demoCenter(), closures: ['2027-05-12'] };
    const adult = course('W', { fractions: 15, arrival: '2027-04-26T09:00:00+05:00', earliestStart: '2027-05-04', dueStart: '2027-05-20' });
    const child = course('K', {
      fractions: 15,
      fractionMinutes: 50,
      requiresAnesthesia: true,
      patientCategory: 'PEDIATRIC',
      arrival: '2027-04-26T09:00:00+05:00',
      earliestStart: '2027-05-04',
      dueStart: '2027-05-20',
    });
    const wAdult = booked(closedWednesday, adult);
    const bookings = [...wAdult, ...booked(closedWednesday, child, undefined, wAdult)];
    expect(bookings.map(dayOf)).not.toContain('2027-05-12');
    const noWednesdayWindow: CenterConfig = {
      ...demoCenter(),
      anesthesia: { ...demoCenter().anesthesia, windows: { ...demoCenter().anesthesia.windows, wed: null } },
    };
    const opened = openedDays(noWednesdayWindow, demoCenter(), '2027-05-01', '2027-05-31');
    expect(opened).toEqual(['2027-05-05', '2027-05-12', '2027-05-19', '2027-05-26'].map((date) => ({ date, anesthesiaOnly: true })));
    expect(coursesLeftOnOpenedDays(demoCenter(), bookings, [adult, child], opened, '2027-05-03T12:00:00+05:00')).toEqual(['K']);
    const r = rescheduleForOpenedDays(
      demoCenter(),
      bookings,
      [adult, child],
      opened.map((o) => ({ ...o, why: 'calendar change: anesthesiaWindows' })),
      '2027-05-03T12:00:00+05:00',
    );
    expect(r.concerned).toEqual(['K']);
    expect(r.moves.map((m) => [m.courseId, dayOf(m.to!)])).toEqual([['K', '2027-05-12']]);
  });
});

describe('rescheduleForOpenedDays', () => {
  it('pulls the last fraction of a five-a-week course in treatment onto the decree Saturday, at its time and room', () => {
    const now = '2027-05-05T12:00:00+05:00';
    const bookings = booked(before, fiveAWeek, now);
    // The booking before the decree: Tue–Thu 4–6 May, fraction 25 on Thursday 3 June at 07:30 in G1.
    expect(bookings.filter((b) => dayOf(b) >= '2027-05-03' && dayOf(b) <= '2027-05-09').map(dayOf)).toEqual(['2027-05-04', '2027-05-05', '2027-05-06']);
    expect(checkSchedule(after, bookings, [fiveAWeek]).filter((v) => v.rule === 6)).toHaveLength(1);
    expect(coursesLeftOnOpenedDays(after, bookings, [fiveAWeek], [{ date: '2027-05-08' }], now)).toEqual(['A']);

    const r = rescheduleForOpenedDays(after, bookings, [fiveAWeek], decree, now);
    expect(r.interrupted).toEqual([]);
    expect(r.concerned).toEqual(['A']);
    expect(r.moves).toHaveLength(1);
    const [m] = r.moves;
    expect(m).toMatchObject({
      bookingId: 'A25',
      fraction: 25,
      from: { start: '2027-06-03T07:30:00+05:00', roomId: 'G1' },
      to: { start: '2027-05-08T07:30:00+05:00', roomId: 'G1', fraction: 25, id: 'A25' },
    });
    expect(m.reason).toBe(
      'Center opened 2027-05-08 (decree working day): fraction 25 moved from 2027-06-03 07:30 to 2027-05-08 07:30 in G1 so the course is not interrupted.',
    );
    expect(checkSchedule(after, apply(bookings, r.moves), [fiveAWeek])).toEqual([]);
    // Run again on the result: nothing left to do (the job may be delivered twice).
    const again = rescheduleForOpenedDays(after, apply(bookings, r.moves), [fiveAWeek], decree, now);
    expect(again.moves).toEqual([]);
    expect(again.concerned).toEqual([]);
  });

  it('does the same for a course not started yet whose series spans the day', () => {
    const bookings = booked(before, fiveAWeek);
    const r = rescheduleForOpenedDays(after, bookings, [fiveAWeek], decree, '2027-04-22T10:00:00+05:00');
    expect(r.moves.map((m) => [m.bookingId, m.to!.start])).toEqual([['A25', '2027-05-08T07:30:00+05:00']]);
    expect(checkSchedule(after, apply(bookings, r.moves), [fiveAWeek])).toEqual([]);
  });

  it('leaves a course that already has its fractionsPerWeek in that week, and courses wholly before or after the day', () => {
    // Three a week: Tue–Thu 4–6 May is its count, Saturday may stay unused.
    const three = course('T', { fractions: 9, fractionsPerWeek: 3, arrival: '2027-04-20T09:00:00+05:00', earliestStart: '2027-04-27', dueStart: '2027-05-10' });
    const ended = course('E', { fractions: 4, arrival: '2027-04-20T09:00:00+05:00', earliestStart: '2027-04-29', dueStart: '2027-05-10' });
    const later = course('L', { fractions: 10, arrival: '2027-04-20T09:00:00+05:00', earliestStart: '2027-05-11', dueStart: '2027-05-20' });
    const bookings: Booking[] = [];
    for (const c of [three, ended, later]) bookings.push(...booked(before, c, undefined, bookings));
    expect(bookings.filter((b) => b.courseId === 'T' && dayOf(b) >= '2027-05-03' && dayOf(b) <= '2027-05-09').map(dayOf)).toEqual([
      '2027-05-04',
      '2027-05-05',
      '2027-05-06',
    ]);
    expect(
      bookings
        .filter((b) => b.courseId === 'E')
        .map(dayOf)
        .pop(),
    ).toBe('2027-05-05');
    const r = rescheduleForOpenedDays(after, bookings, [three, ended, later], decree, '2027-04-22T10:00:00+05:00');
    expect(r).toEqual({ moves: [], interrupted: [], concerned: [] });
    expect(checkSchedule(after, bookings, [three, ended, later])).toEqual([]);
  });

  it('keeps an anesthesia course in the window (Monday\u2019s window on the decree day) and the one team', () => {
    const kid = (id: string) =>
      course(id, {
        fractions: 20,
        fractionMinutes: 50,
        requiresAnesthesia: true,
        patientCategory: 'PEDIATRIC',
        arrival: '2027-04-20T09:00:00+05:00',
        earliestStart: '2027-04-26',
        dueStart: '2027-05-10',
      });
    const [k1, k2] = [kid('K'), kid('J')];
    const b1 = booked(before, k1);
    const bookings = [...b1, ...booked(before, k2, undefined, b1)];
    const r = rescheduleForOpenedDays(after, bookings, [k1, k2], decree, '2027-04-22T10:00:00+05:00');
    expect(r.interrupted).toEqual([]);
    expect(r.moves.map((m) => m.courseId).sort()).toEqual(['J', 'K']);
    for (const m of r.moves) {
      expect(dayOf(m.to!)).toBe('2027-05-08');
      expect(m.to!.anesthesia).toBe(true);
      expect(m.to!.start >= '2027-05-08T08:00:00+05:00' && m.to!.end <= '2027-05-08T13:00:00+05:00').toBe(true);
    }
    const [x, y] = r.moves.map((m) => m.to!).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    expect(Date.parse(x.end)).toBeLessThanOrEqual(Date.parse(y.start));
    expect(checkSchedule(after, apply(bookings, r.moves), [k1, k2])).toEqual([]);
  });

  it('keeps the shared beam: a fraction booked on the opened day already shifts the course off its beam time', () => {
    const bookings = booked(before, fiveAWeek);
    // An emergency booked on Saturday after the decree, in G2 at 07:35: its beam (07:45–07:53) would
    // overlap course A's at its usual 07:30 in G1 (07:40–07:48).
    const other = course('X', { fractions: 1, arrival: '2027-05-01T09:00:00+05:00', earliestStart: '2027-05-08', dueStart: '2027-05-08' });
    const x = { ...booking('X', 1, 'G2', '2027-05-08', '07:35'), id: 'X1' };
    expect(checkSchedule(after, [x, { ...booking('A', 25, 'G1', '2027-05-08', '07:30'), id: 'A25' }], []).map((v) => v.rule)).toEqual([8]);
    const r = rescheduleForOpenedDays(after, [...bookings, x], [fiveAWeek, other], decree, '2027-05-02T10:00:00+05:00');
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0].to!.start).not.toBe('2027-05-08T07:30:00+05:00');
    expect(r.moves[0].reason).toMatch(/min from the course's time\) so the course is not interrupted/);
    expect(checkSchedule(after, apply([...bookings, x], r.moves), [fiveAWeek, other])).toEqual([]);
  });

  describe('no place on an opened day', () => {
    // One room: Saturday 15 May opened too (week of 10 May: Monday off, Kurban Ait on Sunday) and fully booked.
    const oneRoom = (c: CenterConfig): CenterConfig => ({ ...c, rooms: [c.rooms[0]] });
    const b2 = oneRoom(before);
    const a2 = oneRoom({ ...before, workingDays: ['2027-05-08', '2027-05-15'] });
    const opened = [...decree, { date: '2027-05-15', why: 'decree working day' }];
    // 07:30–23:00 in 30-minute fractions of one-fraction courses booked on the opened day.
    const fill = (date: string) =>
      Array.from({ length: 31 }, (_, i) => {
        const m = 7 * 60 + 30 + 30 * i;
        return {
          ...booking(`F${date}-${i}`, 1, 'G1', date, `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`),
          id: `f${date}-${i}`,
        };
      });

    it('reports the course interrupted and moves nothing of it, not even onto the day that has room', () => {
      const bookings = [...booked(b2, fiveAWeek), ...fill('2027-05-15')];
      expect(checkSchedule(a2, bookings, []).filter((v) => v.rule !== 6)).toEqual([]);
      const r = rescheduleForOpenedDays(a2, bookings, [fiveAWeek], opened, '2027-04-22T10:00:00+05:00');
      expect(r.moves).toEqual([]);
      expect(r.concerned).toEqual(['A']);
      expect(r.interrupted).toHaveLength(1);
      expect(r.interrupted[0].courseId).toBe('A');
      expect(r.interrupted[0].reason).toMatch(
        /^2027-05-15 \(decree working day\) is open for the course and unused between two of its fractions, but it has no free 30-minute place/,
      );
    });

    it('still moves the course when the full day is not one it leaves unused', () => {
      const bookings = [...booked(b2, fiveAWeek), ...fill('2027-05-15')];
      const r = rescheduleForOpenedDays(a2, bookings, [fiveAWeek], decree, '2027-04-22T10:00:00+05:00');
      expect(r.moves.map((m) => dayOf(m.to!))).toEqual(['2027-05-08']);
    });
  });

  it('does not pull a fraction that leaves the last week of a three-a-week course short with a day unused', () => {
    // Mon, Wed, Fri in its last week is rule 6 only while the week has its three.
    const t = course('T', { fractions: 6, fractionsPerWeek: 3, arrival: '2027-04-20T09:00:00+05:00', earliestStart: '2027-05-04', dueStart: '2027-05-10' });
    const days = ['2027-05-04', '2027-05-05', '2027-05-24', '2027-05-26', '2027-05-28'];
    const bookings = [
      { ...booking('T', 1, 'G1', '2027-05-04', '10:00'), id: 'T1' },
      ...days.slice(1).map((d, i) => ({ ...booking('T', i + 2, 'G1', d, '10:00'), id: `T${i + 2}` })),
    ];
    // Between 5 and 24 May everything is closed, as if by a long closure; 8 May opens.
    const closed = ['2027-05-06', '2027-05-11', '2027-05-12', '2027-05-13', '2027-05-14', '2027-05-18', '2027-05-19', '2027-05-20', '2027-05-21'];
    const c = { ...after, closures: [...after.closures, ...closed] };
    expect(
      checkSchedule(c, bookings, [t])
        .filter((v) => v.rule === 6)
        .map((v) => v.message),
    ).toEqual([expect.stringContaining('2027-05-08 is open')]);
    const r = rescheduleForOpenedDays(c, bookings, [t], decree, '2027-04-22T10:00:00+05:00');
    expect(r.moves).toEqual([]);
    expect(r.interrupted.map((i) => i.courseId)).toEqual(['T']);
    expect(r.interrupted[0].reason).toMatch(/would leave 2027-05-25 unused in a week short of its 3\. The course keeps its dates/);
  });

  it('on an opened day that is today, books the fraction after now', () => {
    const now = '2027-05-08T10:00:00+05:00';
    const bookings = booked(before, fiveAWeek, now);
    const r = rescheduleForOpenedDays(after, bookings, [fiveAWeek], decree, now);
    expect(r.moves).toHaveLength(1);
    expect(dayOf(r.moves[0].to!)).toBe('2027-05-08');
    expect(Date.parse(r.moves[0].to!.start)).toBeGreaterThanOrEqual(Date.parse(now));
    expect(checkSchedule(after, apply(bookings, r.moves), [fiveAWeek])).toEqual([]);
  });

  it('never books the past: an opened day already over is left alone', () => {
    const bookings = booked(before, fiveAWeek, '2027-05-09T10:00:00+05:00');
    const r = rescheduleForOpenedDays(after, bookings, [fiveAWeek], decree, '2027-05-09T10:00:00+05:00');
    expect(r).toEqual({ moves: [], interrupted: [], concerned: [] });
  });
});
