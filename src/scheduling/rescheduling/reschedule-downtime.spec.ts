import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { Booking } from '../types';
import { rescheduleForDowntime } from './reschedule-downtime';
import { calendarFor } from '../calendar/center-calendar';
import { DayLanes } from '../allocation/day-lanes';
import { dayNumOf } from '../time/civil-day';
import { formatInstant } from '../time/zone';

const week = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
const series = (id: string, room: string, hhmm: string) => week.map((d, i) => ({ ...booking(id, i + 1, room, d, hhmm), id: `${id}${i + 1}` }));
const apply = (bookings: Booking[], moves: { bookingId?: string; to: Booking | null }[]) =>
  bookings.flatMap((b) => {
    const m = moves.find((x) => x.bookingId === b.id);
    return m ? (m.to ? [m.to] : []) : [b];
  });

describe('rescheduleForDowntime', () => {
  const center = demoCenter();
  const courses = [course('A'), course('B')];
  const bookings = [...series('A', 'G1', '10:00'), ...series('B', 'G1', '14:00')];

  it('moves only the fractions the downtime hits, the same day, and keeps every rule', () => {
    const downtime = { roomId: 'G1', start: '2027-03-03T09:00:00+05:00', end: '2027-03-03T11:00:00+05:00', reason: 'magnet fault' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-02T18:00:00+05:00');
    expect(r.unschedulable).toEqual([]);
    expect(r.moves).toHaveLength(1);
    const m = r.moves[0];
    expect(m).toMatchObject({ bookingId: 'A3', courseId: 'A', fraction: 3 });
    expect(m.to!.start.slice(0, 10)).toBe('2027-03-03');
    expect(m.reason).toMatch(/magnet fault/);
    const after = apply(bookings, r.moves);
    expect(checkSchedule({ ...center, downtimes: [downtime] }, after, courses)).toEqual([]);
  });

  it('keeps a hit fraction on its day in free minutes off the lane template when no place of the template holds it', () => {
    // Every children's place of the day is booked; a 35-minute fraction fits only such a place,
    // or two free standard places side by side.
    const day = '2027-03-01';
    const cal = calendarFor(center);
    const kids: Booking[] = new DayLanes(cal, 10).of(dayNumOf(2027, 3, 1))!.flatMap((room, r) =>
      room
        .filter((l) => l.minutes > 30)
        .map((l, k) => ({
          ...booking(`KID-${r}-${k}`, 1, center.rooms[r].id, day, formatInstant(center.timeZone, l.start).slice(11, 16), {
            minutes: l.minutes,
            anesthesia: l.anesthesia,
          }),
          id: `k${r}-${k}`,
        })),
    );
    const hitOne = { ...booking('C', 1, 'G1', day, '16:00', { minutes: 35 }), id: 'c1' };
    const c = course('C', { fractions: 1, fractionMinutes: 35 });
    const downtime = { roomId: 'G1', start: `${day}T15:00:00+05:00`, end: `${day}T17:00:00+05:00` };
    const r = rescheduleForDowntime(center, [...kids, hitOne], [c], downtime, '2027-02-28T18:00:00+05:00');
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0].to!.start.slice(0, 10)).toBe(day);
    expect(checkSchedule({ ...center, downtimes: [downtime] }, [...kids, r.moves[0].to!], [c])).toEqual([]);
  });

  it('never moves a fraction into the past', () => {
    const downtime = { roomId: null, start: '2027-03-03T09:00:00+05:00', end: '2027-03-03T15:00:00+05:00' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-03T09:30:00+05:00');
    for (const m of r.moves) expect(Date.parse(m.to!.start)).toBeGreaterThanOrEqual(Date.parse('2027-03-03T09:30:00+05:00'));
    expect(checkSchedule({ ...center, downtimes: [downtime] }, apply(bookings, r.moves), courses)).toEqual([]);
  });

  it('gives a fraction under way when the downtime begins again in full, never before now', () => {
    // A3 runs 10:00–10:30 in G1; G1 breaks down at 10:05, and the breakdown is entered at 10:06.
    const now = '2027-03-03T10:06:00+05:00';
    const downtime = { roomId: 'G1', start: '2027-03-03T10:05:00+05:00', end: '2027-03-03T12:00:00+05:00', reason: 'breakdown' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, now);
    expect(r.unschedulable).toEqual([]);
    expect(r.moves).toHaveLength(1);
    const m = r.moves[0];
    expect(m).toMatchObject({ bookingId: 'A3', fraction: 3 });
    expect(m.to!.start.slice(0, 10)).toBe('2027-03-03');
    expect(Date.parse(m.to!.start)).toBeGreaterThanOrEqual(Date.parse(now));
    expect(m.reason).toMatch(/under way; it is given again in full/);
    expect(checkSchedule({ ...center, downtimes: [downtime] }, apply(bookings, r.moves), courses)).toEqual([]);
  });

  it('counts a fraction begun 18 seconds ago as under way, and books nothing before now', () => {
    const now = '2027-03-03T10:00:18+05:00';
    const downtime = { roomId: 'G1', start: now, end: '2027-03-03T12:00:00+05:00' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, now);
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0].reason).toMatch(/under way/);
    expect(Date.parse(r.moves[0].to!.start)).toBeGreaterThan(Date.parse(now));
  });

  it('leaves a fraction whose beam time is over when the downtime comes: its dose is in', () => {
    // A3 10:00–10:30, beam 10:10–10:18; G1 fails at 10:20 while the patient is being taken off the table.
    const downtime = { roomId: 'G1', start: '2027-03-03T10:20:00+05:00', end: '2027-03-03T12:00:00+05:00' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-03T10:21:00+05:00');
    expect(r.moves).toEqual([]);
    expect(r.unschedulable).toEqual([]);
  });

  it('a whole-day beam-line outage moves each hit fraction to the end of its course and says why', () => {
    const downtime = { roomId: null, start: '2027-03-03T00:00:00+05:00', end: '2027-03-04T00:00:00+05:00' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-01T06:00:00+05:00');
    expect(r.moves.map((m) => m.bookingId).sort()).toEqual(['A3', 'B3']);
    for (const m of r.moves) {
      // After Fri 5 March come the weekend and the 8 March holiday: Tuesday 9 March.
      expect(m.to!.start.slice(0, 10)).toBe('2027-03-09');
      expect(m.reason).toMatch(/end of the course/);
    }
    expect(checkSchedule({ ...center, downtimes: [downtime] }, apply(bookings, r.moves), courses)).toEqual([]);
  });

  describe('a course treated three days a week loses a whole day to a beam-line outage', () => {
    // Mon–Wed 5–7 and Mon–Wed 12–14 April 2027 (no holidays), at 10:00 in G1.
    const threeAWeek = course('T', { fractions: 6, fractionsPerWeek: 3, earliestStart: '2027-04-05' });
    const days = ['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-12', '2027-04-13', '2027-04-14'];
    const own = days.map((d, i) => ({ ...booking('T', i + 1, 'G1', d, '10:00'), id: `T${i + 1}` }));
    const tuesday = { roomId: null, start: '2027-04-06T00:00:00+05:00', end: '2027-04-07T00:00:00+05:00' };
    const withOutage = { ...center, downtimes: [tuesday] };
    /** Every place of the lane template booked on these April days, each by a one-fraction course. */
    const full = (dates: string[]): Booking[] => {
      const cal = calendarFor(center);
      return dates.flatMap((day) =>
        new DayLanes(cal, 10).of(dayNumOf(2027, 4, Number(day.slice(8))))!.flatMap((room, r) =>
          room.map((l, k) => ({
            ...booking(`F-${day}-${r}-${k}`, 1, center.rooms[r].id, day, formatInstant(center.timeZone, l.start).slice(11, 16), {
              minutes: l.minutes,
              anesthesia: l.anesthesia,
            }),
            id: `f-${day}-${r}-${k}`,
          })),
        ),
      );
    };

    it('makes the day up later that week (Thursday), not after the last fraction, which would leave Thursday and Friday unused', () => {
      const r = rescheduleForDowntime(center, own, [threeAWeek], tuesday, '2027-03-10T12:00:00+05:00');
      expect(r.unschedulable).toEqual([]);
      expect(r.interrupted).toEqual([]);
      expect(r.moves).toHaveLength(1);
      expect(r.moves[0].to!.start.slice(0, 10)).toBe('2027-04-08');
      expect(r.moves[0].reason).toMatch(/later day of the same week/);
      expect(checkSchedule(withOutage, apply(own, r.moves), [threeAWeek])).toEqual([]);
    });

    it('when Thursday and Friday are full, keeps the fraction at the end and reports the course interrupted (rule 6)', () => {
      const fill = full(['2027-04-08', '2027-04-09']);
      const fillers = fill.map((b) =>
        course(b.courseId, { fractions: 1, fractionMinutes: Date.parse(b.end) / 60_000 - Date.parse(b.start) / 60_000, requiresAnesthesia: b.anesthesia }),
      );
      const r = rescheduleForDowntime(center, [...own, ...fill], [threeAWeek, ...fillers], tuesday, '2027-03-10T12:00:00+05:00');
      expect(r.unschedulable).toEqual([]);
      // After Wednesday 14 April that week has its three: next Monday.
      expect(r.moves.map((m) => m.to!.start.slice(0, 10))).toEqual(['2027-04-19']);
      expect(r.interrupted).toEqual([{ courseId: 'T', reason: expect.stringMatching(/short of 3 fractions \(rule 6\)/) }]);
      expect(checkSchedule(withOutage, apply(own, r.moves), [threeAWeek]).map((v) => v.rule)).toEqual([6]);
    });

    it('when no place is left anywhere, cancels the fraction and reports the course interrupted, not merely short', () => {
      // Thursday 8, Friday 9 and Monday 19 April (the next day open for the course after its last fraction: that week has its three) are full.
      const fill = full(['2027-04-08', '2027-04-09', '2027-04-19']);
      const fillers = fill.map((b) =>
        course(b.courseId, { fractions: 1, fractionMinutes: Date.parse(b.end) / 60_000 - Date.parse(b.start) / 60_000, requiresAnesthesia: b.anesthesia }),
      );
      const r = rescheduleForDowntime(center, [...own, ...fill], [threeAWeek, ...fillers], tuesday, '2027-03-10T12:00:00+05:00');
      expect(r.moves.map((m) => m.to)).toEqual([null]);
      expect(r.moves[0].reason).toMatch(/cancelled and must be booked again/);
      expect(r.unschedulable.map((u) => u.courseId)).toEqual(['T']);
      expect(r.interrupted).toEqual([{ courseId: 'T', reason: expect.stringMatching(/cancelled fraction 2 on 2027-04-06.*rule 6/) }]);
      // What the checker finds afterwards is exactly what was reported.
      expect(checkSchedule(withOutage, apply(own, r.moves), [threeAWeek]).map((v) => v.rule)).toEqual([6]);
    });
  });

  describe('the day after the last fraction is full', () => {
    // A beam-line outage takes Wednesday 3 March 2027 from course A (G1, 10:00). The day A's fraction must
    // go to is full: one-fraction courses everywhere, except one place where routine course C, not
    // started, begins a three-day series.
    const wednesday = { roomId: null, start: '2027-03-03T00:00:00+05:00', end: '2027-03-04T00:00:00+05:00' };
    const withOutage = { ...center, downtimes: [wednesday] };
    const cal = calendarFor(center);
    const c = course('C', { fractions: 3, earliestStart: '2027-03-01', dueStart: '2027-03-31' });
    /** `day` booked full, C's first fraction in one standard place of it and its next two on `next`. */
    const fullDay = (day: string, next: string[]) => {
      const [y, mo, d] = day.split('-').map(Number);
      const places = new DayLanes(cal, 10).of(dayNumOf(y, mo, d))!.flatMap((room, r) => room.map((l) => ({ r, l })));
      const standard = places.find(({ l }) => l.minutes === 30 && !l.anesthesia)!;
      const at = formatInstant(center.timeZone, standard.l.start).slice(11, 16);
      const cBookings = [day, ...next].map((date, i) => ({ ...booking('C', i + 1, center.rooms[standard.r].id, date, at), id: `C${i + 1}` }));
      const fill = places
        .filter((p) => p !== standard)
        .map(({ r, l }, k) => ({
          ...booking(`F${k}`, 1, center.rooms[r].id, day, formatInstant(center.timeZone, l.start).slice(11, 16), {
            minutes: l.minutes,
            anesthesia: l.anesthesia,
          }),
          id: `f${k}`,
        }));
      const fillers = fill.map((b) =>
        course(b.courseId, { fractions: 1, fractionMinutes: Date.parse(b.end) / 60_000 - Date.parse(b.start) / 60_000, requiresAnesthesia: b.anesthesia }),
      );
      return { bookings: [...cBookings, ...fill], courses: [c, ...fillers] };
    };

    // A runs Mon 1 – Fri 5: its fraction must go to Tuesday 9 (Monday 8 March is a holiday).
    const a = course('A');
    const tuesday = fullDay('2027-03-09', ['2027-03-10', '2027-03-11']);
    const all = [...series('A', 'G1', '10:00'), ...tuesday.bookings];
    const courses = [a, ...tuesday.courses];

    it('without a course that may start later, the fraction is cancelled', () => {
      const r = rescheduleForDowntime(center, all, courses, wednesday, '2027-02-26T12:00:00+05:00');
      expect(r.moves.map((m) => [m.bookingId, m.to])).toEqual([['A3', null]]);
    });

    it('starts the routine course that has not started one day later, and gives the fraction its place', () => {
      const r = rescheduleForDowntime(center, all, courses, wednesday, '2027-02-26T12:00:00+05:00', [c]);
      expect(r.unschedulable).toEqual([]);
      const byId = new Map(r.moves.map((m) => [m.bookingId, m]));
      expect(byId.get('A3')!.to!.start.slice(0, 10)).toBe('2027-03-09');
      // C keeps 10 and 11 March and gets Friday 12 instead of Tuesday 9.
      expect(byId.get('C1')!.to!.start.slice(0, 10)).toBe('2027-03-12');
      expect(byId.get('C1')!.reason).toMatch(/not started yet, starts a day later to make room/);
      expect(r.moves).toHaveLength(2);
      expect(checkSchedule(withOutage, apply(all, r.moves), courses)).toEqual([]);
    });

    it('starts an urgent course a day later only while it still starts by its due date, and never an emergency', () => {
      const withC = (variant: typeof c) => courses.map((x) => (x.id === 'C' ? variant : x));
      const run = (variant: typeof c) => rescheduleForDowntime(center, all, withC(variant), wednesday, '2027-02-26T12:00:00+05:00', [variant]);
      // Starting on Wednesday 10 instead of Tuesday 9 is still on time for a course due by the 10th.
      const slack = { ...c, urgency: 'URGENT' as const, dueStart: '2027-03-10' };
      const moved = run(slack);
      expect(moved.unschedulable).toEqual([]);
      expect(moved.moves.find((m) => m.bookingId === 'C1')!.to!.start.slice(0, 10)).toBe('2027-03-12');
      expect(checkSchedule(withOutage, apply(all, moved.moves), withC(slack))).toEqual([]);
      // Due on the 9th: a day later would make it late, so A's fraction is cancelled instead.
      expect(run({ ...slack, dueStart: '2027-03-09' }).moves.map((m) => [m.bookingId, m.to])).toEqual([['A3', null]]);
      expect(run({ ...c, urgency: 'EMERGENCY', dueStart: '2027-03-31' }).moves.map((m) => [m.bookingId, m.to])).toEqual([['A3', null]]);
    });

    it('does not start a course a day later when that would leave its own week short (rule 6, found by a chaos run)', () => {
      // C is treated three days a week: Tue 9, Wed 10, Thu 11, then Tue 16. Starting a day later makes it
      // Wed 10, Thu 11, Tue 16, Wed 17: two fractions in its first week with Friday 12 open and unused.
      const threeAWeek = course('C', { fractions: 4, fractionsPerWeek: 3, earliestStart: '2027-03-01', dueStart: '2027-03-31' });
      const day = fullDay('2027-03-09', ['2027-03-10', '2027-03-11', '2027-03-16']);
      const bookings = [...series('A', 'G1', '10:00'), ...day.bookings];
      const courses3 = [a, threeAWeek, ...day.courses.filter((x) => x.id !== 'C')];
      const r = rescheduleForDowntime(center, bookings, courses3, wednesday, '2027-02-26T12:00:00+05:00', [threeAWeek]);
      expect(r.moves.find((m) => m.bookingId === 'C1')).toBeUndefined();
      expect(r.moves.map((m) => [m.bookingId, m.to])).toEqual([['A3', null]]);
      expect(checkSchedule(withOutage, apply(bookings, r.moves), courses3).filter((v) => v.courseId === 'C')).toEqual([]);
    });

    it('never moves a course that starts tomorrow: two days of notice, as for an emergency', () => {
      // B runs Mon 1 – Wed 3 and must make Wednesday up on Thursday 4; it is Wednesday 06:00.
      const b = course('B', { fractions: 3 });
      const thursday = fullDay('2027-03-04', ['2027-03-05', '2027-03-09']);
      const own = series('B', 'G1', '10:00').slice(0, 3);
      const r = rescheduleForDowntime(center, [...own, ...thursday.bookings], [b, ...thursday.courses], wednesday, '2027-03-03T06:00:00+05:00', [c]);
      expect(r.moves.map((m) => [m.bookingId, m.to])).toEqual([['B3', null]]);
    });
  });

  it("does not make a lost day up later in the course's last week by passing over full days the week never gets back", () => {
    // Mon 12 April is the course's last fraction; the beam is taken all day on Tue 13 and Wed 14.
    const a = course('L', { fractions: 6, earliestStart: '2027-04-05', dueStart: '2027-04-30' });
    const own = ['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09', '2027-04-12'].map((d, i) => ({
      ...booking('L', i + 1, 'G1', d, '10:00'),
      id: `L${i + 1}`,
    }));
    const wholeBeamDay = (date: string): Booking => ({
      ...booking('BLOCK', 1, 'G2', date, '07:00', { minutes: 16 * 60 }),
      beamStart: `${date}T07:00:00+05:00`,
      beamEnd: `${date}T23:00:00+05:00`,
      id: `block-${date}`,
    });
    const blocks = [wholeBeamDay('2027-04-13'), wholeBeamDay('2027-04-14')];
    const monday = { roomId: null, start: '2027-04-12T00:00:00+05:00', end: '2027-04-13T00:00:00+05:00' };
    const r = rescheduleForDowntime(center, [...own, ...blocks], [a], monday, '2027-04-01T12:00:00+05:00');
    // Thursday 15 would leave Tuesday and Wednesday unused after Friday 9's fraction: the coordinator decides instead.
    expect(r.moves.map((m) => m.to)).toEqual([null]);
    expect(r.unschedulable.map((u) => u.courseId)).toEqual(['L']);
    const after = apply(own, r.moves);
    expect(checkSchedule({ ...center, downtimes: [monday] }, after, [a])).toEqual([]);
  });

  it('makes a lost day up on an earlier day of its week left unused by an opened day, when every later day is taken (rule 6, found by an audit run)', () => {
    // Sat 17 April 2027 is a decree working day the course uses, so Wed 14 stayed unused in a week that had its five.
    // The beam line is down all Friday 16: Saturday is the course's already, and Wednesday is the only day left.
    const opened = { ...center, workingDays: ['2027-04-17'] };
    const a = course('W', { fractions: 7, earliestStart: '2027-04-12', dueStart: '2027-04-30' });
    const own = ['2027-04-12', '2027-04-13', '2027-04-15', '2027-04-16', '2027-04-17', '2027-04-19', '2027-04-20'].map((d, i) => ({
      ...booking('W', i + 1, 'G1', d, '10:00'),
      id: `W${i + 1}`,
    }));
    expect(checkSchedule(opened, own, [a])).toEqual([]);
    const friday = { roomId: null, start: '2027-04-16T00:00:00+05:00', end: '2027-04-17T00:00:00+05:00' };
    const r = rescheduleForDowntime(opened, own, [a], friday, '2027-04-01T12:00:00+05:00');
    expect(r.unschedulable).toEqual([]);
    expect(r.interrupted).toEqual([]);
    expect(r.moves.map((m) => [m.bookingId, m.to!.start.slice(0, 10)])).toEqual([['W4', '2027-04-14']]);
    expect(r.moves[0].reason).toMatch(/earlier day of the same week/);
    expect(checkSchedule({ ...opened, downtimes: [friday] }, apply(own, r.moves), [a])).toEqual([]);
  });

  it("never makes a lost day up on an earlier day of the week before the course's earliest start (rule 5)", () => {
    // Starts Wed 14 April 2027 and uses the decree Saturday 17; Mon 12 and Tue 13 are open but before its start.
    const opened = { ...center, workingDays: ['2027-04-17'] };
    const a = course('E', { fractions: 6, earliestStart: '2027-04-14', dueStart: '2027-04-30' });
    const own = ['2027-04-14', '2027-04-15', '2027-04-16', '2027-04-17', '2027-04-19', '2027-04-20'].map((d, i) => ({
      ...booking('E', i + 1, 'G1', d, '10:00'),
      id: `E${i + 1}`,
    }));
    expect(checkSchedule(opened, own, [a])).toEqual([]);
    const friday = { roomId: null, start: '2027-04-16T00:00:00+05:00', end: '2027-04-17T00:00:00+05:00' };
    const r = rescheduleForDowntime(opened, own, [a], friday, '2027-04-01T12:00:00+05:00');
    expect(r.moves.map((m) => m.to && m.to.start.slice(0, 10) >= '2027-04-14')).toEqual([true]);
    expect(checkSchedule({ ...opened, downtimes: [friday] }, apply(own, r.moves), [a]).filter((v) => v.rule !== 6)).toEqual([]);
  });
});
