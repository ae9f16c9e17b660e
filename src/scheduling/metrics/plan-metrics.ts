/**
 * Plan metrics. Two utilizations, because they differ on a shared-beam center:
 *  - utilization: booked room minutes / open room minutes (hours − QA − closures − downtime,
 *    summed over active rooms) — how full the treatment rooms are; the headline number.
 *  - beamUtilization: booked beam minutes / open beam-line minutes (the union of the rooms' open
 *    time) — how busy the accelerator is; well below 1 even when every room is full, since a
 *    30-minute fraction uses the beam for 8.
 */
import { CenterConfig, CourseRequest, PlanAppointment, PlanMetrics, Urgency } from '../types';
import { parseDate } from '../time/civil-day';
import { localDayOf, localMidnight, parseInstant } from '../time/zone';
import { calendarFor } from '../calendar/center-calendar';
import { total, union } from '../calendar/intervals';
import { percentile } from './percentile';
import { DEFAULT_BEAM_MINUTES } from '../defaults/course-defaults';

/** Soft rule 2: every fraction within ±30 min of the course's first. */
const TIME_OF_DAY_TOLERANCE = 30;

/** Open room minutes and open beam-line minutes of the days in [from, to]. */
export function openMinutes(center: CenterConfig, from: string, to: string): { room: number; beam: number } {
  const cal = calendarFor(center);
  let room = 0;
  let beam = 0;
  for (let d = parseDate(from); d <= parseDate(to); d++) {
    const rds = cal.roomDaysOf(d);
    for (const rd of rds) room += rd.openMinutes;
    if (center.sharedBeam) beam += total(union(rds.flatMap((rd) => rd.open)));
    else beam += rds.reduce((a, rd) => a + rd.openMinutes, 0);
  }
  return { room, beam };
}

/** Booked room and beam minutes of appointments whose day lies in [from, to]. */
export function bookedMinutes(
  center: CenterConfig,
  appointments: PlanAppointment[],
  courses: Map<string, CourseRequest>,
  from: string,
  to: string,
): { room: number; beam: number } {
  const lo = parseDate(from);
  const hi = parseDate(to);
  let room = 0;
  let beam = 0;
  for (const a of appointments) {
    const s = parseInstant(a.start);
    const d = localDayOf(center.timeZone, s);
    if (d < lo || d > hi) continue;
    room += parseInstant(a.end) - s;
    beam += courses.get(a.courseId)?.beamMinutes ?? DEFAULT_BEAM_MINUTES;
  }
  return { room, beam };
}

export function planMetrics(
  center: CenterConfig,
  courses: CourseRequest[],
  appointments: PlanAppointment[],
  window: { from: string; to: string },
): PlanMetrics {
  const tz = center.timeZone;
  const byId = new Map(courses.map((c) => [c.id, c]));
  const perCourse = new Map<string, PlanAppointment[]>();
  for (const a of appointments) {
    const list = perCourse.get(a.courseId) ?? [];
    list.push(a);
    perCourse.set(a.courseId, list);
  }
  const waits: number[] = [];
  const spreads: number[] = [];
  const onTimeByUrgency: Record<Urgency, { courses: number; onTime: number }> = {
    EMERGENCY: { courses: 0, onTime: 0 },
    URGENT: { courses: 0, onTime: 0 },
    ROUTINE: { courses: 0, onTime: 0 },
  };
  let scheduled = 0;
  let lateStarts = 0;
  let laterFractions = 0;
  let offTime = 0;
  const windowEnd = parseDate(window.to);
  for (const c of courses) {
    const list = perCourse.get(c.id);
    // A course that did not start and was not due inside the window cannot be judged late yet
    // (an offline plan stops at horizon.to; it arrived too close to the end).
    const judged = (list && list.length > 0) || parseDate(c.dueStart) <= windowEnd;
    if (judged) onTimeByUrgency[c.urgency].courses++;
    if (!list || list.length === 0) continue;
    scheduled++;
    const starts = list.map((a) => parseInstant(a.start)).sort((a, b) => a - b);
    const firstDay = localDayOf(tz, starts[0]);
    const ready = Math.max(parseDate(c.earliestStart), localDayOf(tz, parseInstant(c.arrival)));
    waits.push(firstDay - ready);
    if (firstDay > parseDate(c.dueStart)) lateStarts++;
    else onTimeByUrgency[c.urgency].onTime++;
    const tods = starts.map((s) => s - localMidnight(tz, localDayOf(tz, s)));
    spreads.push(Math.max(...tods) - Math.min(...tods));
    laterFractions += tods.length - 1;
    for (let i = 1; i < tods.length; i++) if (Math.abs(tods[i] - tods[0]) > TIME_OF_DAY_TOLERANCE) offTime++;
  }
  const open = openMinutes(center, window.from, window.to);
  const booked = bookedMinutes(center, appointments, byId, window.from, window.to);
  const round4 = (x: number) => Math.round(x * 10000) / 10000;
  return {
    courses: courses.length,
    scheduled,
    lateStarts,
    utilization: open.room ? round4(booked.room / open.room) : 0,
    beamUtilization: open.beam ? round4(booked.beam / open.beam) : 0,
    waitDays: { p50: percentile(waits, 50), p90: percentile(waits, 90), max: waits.length ? Math.max(...waits) : 0 },
    timeOfDaySpreadMinutes: { p50: percentile(spreads, 50), p90: percentile(spreads, 90) },
    offTimeOfDayShare: laterFractions ? round4(offTime / laterFractions) : 0,
    onTimeByUrgency,
  };
}
