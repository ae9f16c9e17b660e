/**
 * Baseline for comparison only: what a coordinator does by hand. Courses first come, first
 * served; each takes the earliest start day, room and time (5-minute steps) at which its whole
 * series fits in ONE room at ONE time of day. No reservation, no room changes, no drift.
 * Same calendar, same rules (it uses the core's feasibility check), so only the policy differs.
 */
import {
  AllocationOptions,
  AllocationResult,
  Booking,
  CenterConfig,
  CourseRequest,
  parseDate,
  weekId,
  localDayOf,
  localMidnight,
  parseInstant,
  calendarFor,
  BookingIndex,
  SlotFinder,
  profileOf,
  shapeOf,
  toBooking,
} from '../src/scheduling';

export function createFirstFitPlanner(center: CenterConfig) {
  const cal = calendarFor(center);
  const index = new BookingIndex(cal);
  const slots = new SlotFinder(cal, index, 5);
  const tz = center.timeZone;

  function allocate(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    const shape = shapeOf(course);
    const profile = profileOf(course);
    const floorMin = Math.max(parseInstant(opts.now), parseInstant(course.arrival));
    const floorDay = localDayOf(tz, floorMin);
    const firstDay = Math.max(parseDate(course.earliestStart), floorDay);
    const lastDay = opts.lastStartDate ? parseDate(opts.lastStartDate) : floorDay + (opts.horizonWeeks ?? 26) * 7;
    const rooms = cal.rooms.map((_, i) => i).filter((i) => cal.roomAllowed(i, course.roomKinds));
    for (let d0 = firstDay; d0 <= lastDay; d0++) {
      if (cal.openForCourse(profile, d0) === 'closed') continue;
      for (const r of rooms) {
        const open = cal.roomDaysOf(d0)[r].open;
        if (!open.length) continue;
        let t = Math.max(open[0][0], d0 === floorDay ? floorMin : -Infinity);
        const end = open[open.length - 1][1] - shape.minutes;
        while (t <= end) {
          const s0 = slots.earliestFit(r, d0, t, end, shape);
          if (s0 === null) break;
          const tod = s0 - localMidnight(tz, d0);
          const days: number[] = [d0];
          const weeks = new Map<number, number>([[weekId(d0), 1]]);
          let ok = true;
          for (let d = d0 + 1; days.length < course.fractions && ok; d++) {
            if (d > d0 + course.fractions * 7 + 70) ok = false;
            const st = cal.openForCourse(profile, d);
            if (st === 'closed' || (weeks.get(weekId(d)) ?? 0) >= course.fractionsPerWeek) continue;
            if (slots.fits(r, d, localMidnight(tz, d) + tod, shape)) {
              days.push(d);
              weeks.set(weekId(d), (weeks.get(weekId(d)) ?? 0) + 1);
            } else if (st === 'open') ok = false;
          }
          if (ok) {
            const appointments: Booking[] = days.map((d, i) => {
              const s = localMidnight(tz, d) + tod;
              return toBooking(cal, {
                courseId: course.id,
                fraction: i + 1,
                roomIdx: r,
                day: d,
                start: s,
                end: s + shape.minutes,
                beamStart: s + shape.beamOffset,
                beamEnd: s + shape.beamOffset + shape.beamMinutes,
                anesthesia: shape.anesthesia,
              });
            });
            for (const b of appointments) index.addBooking(b);
            return { status: 'SCHEDULED', appointments, lateStart: d0 > parseDate(course.dueStart), firstDate: appointments[0].start.slice(0, 10) };
          }
          t = s0 + 5;
        }
      }
    }
    return { status: 'UNSCHEDULABLE', reason: 'no start day within the horizon fits the whole series in one room at one time' };
  }
  return { allocate, bookings: () => index.all.filter((b) => !b.removed).map((b) => toBooking(cal, b)) };
}
