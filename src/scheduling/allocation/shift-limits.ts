/**
 * Bounded time shifts (issue #20, SPEC §3 "shifts with notice"): the center may move the time of a
 * booked future fraction to make room, but only within limits the patient can live with. This file
 * holds the limits and the one checker every shift passes (the search only proposes; tests and the
 * live service check with this).
 */
import { CenterConfig, CourseRequest, Shift, ShiftRecord } from '../types';
import { DayNum, formatDate, parseDate, weekId } from '../time/civil-day';
import { localDayOf, localMidnight, parseHhmm, parseInstant, parseInstantCeil } from '../time/zone';
import { calendarFor, CenterCalendar } from '../calendar/center-calendar';
import { adultFromDay } from '../calendar/patient-days';
import { contains } from '../calendar/intervals';

export interface ShiftPolicy {
  /** A shifted fraction starts at most this many minutes from its booked start (same day). */
  windowMinutes: number;
  /** At most this many shifts per patient per ISO week (of the fraction's day). */
  perPatientPerWeek: number;
  /** At most this many of one course's fractions are ever shifted (a long course would otherwise collect one a week). */
  perCourse: number;
  /** Tomorrow's fractions may be shifted only before this local time today (patients can still be told). */
  tomorrowCutoff: string;
  /**
   * URGENT courses shift others too (EMERGENCY ones always may). On by default since the shift search meets the
   * emergency reserve (a shifted fraction's new place passes its course's reserve test): measured with the full
   * reserve, URGENT on time rose 95.9 → 96.5 % (seeds 1–6) and 95.0 → 95.2 % (seeds 7–14) with every EMERGENCY
   * on time (165/165, 184/184); before that, the shifts made 2 of 184 emergencies late (docs/scheduling-core.md).
   */
  urgent: boolean;
}

export const DEFAULT_SHIFT_POLICY: ShiftPolicy = { windowMinutes: 60, perPatientPerWeek: 1, perCourse: 2, tomorrowCutoff: '16:00', urgent: true };

/** The patient behind a course: the weekly limit is the patient's, whatever the course. */
export function patientKeyOf(course: Pick<CourseRequest, 'id' | 'patientId'>): string {
  return course.patientId ?? course.id;
}

/** Reason texts start with this, so the history reads them back as kind SHIFT (move-reason.ts). */
export const SHIFT_REASON_PREFIX = 'Shifted';

/** The first day whose fractions may be shifted at `nowMin`: tomorrow before the cut-off, else the day after. */
export function firstShiftableDay(cal: CenterCalendar, nowMin: number, policy: ShiftPolicy): DayNum {
  const today = localDayOf(cal.timeZone, nowMin);
  const cutoff = localMidnight(cal.timeZone, today) + parseHhmm(policy.tomorrowCutoff);
  return nowMin < cutoff ? today + 1 : today + 2;
}

export interface ShiftCheckContext {
  center: CenterConfig;
  now: string;
  /** The shifted fractions' courses, by id. */
  courses: ReadonlyMap<string, CourseRequest>;
  /** Shifts made before these (any course), for the weekly limit. */
  earlier?: ShiftRecord[];
  policy?: ShiftPolicy;
}

/**
 * Every limit the given shifts break, as messages (empty: all within limits). The shifts are
 * checked together: two of one patient in one week break the weekly limit even if each alone does not.
 * Room, beam and anesthesia conflicts with other bookings are the rule checker's (checkSchedule).
 */
export function checkShifts(shifts: Shift[], ctx: ShiftCheckContext): string[] {
  const policy = ctx.policy ?? DEFAULT_SHIFT_POLICY;
  const cal = calendarFor(ctx.center);
  const tz = cal.timeZone;
  const nowMin = parseInstantCeil(ctx.now);
  const firstDay = firstShiftableDay(cal, nowMin, policy);
  const perWeek = new Map<string, number>();
  const count = (key: string, day: DayNum) => {
    const k = `${key}|${weekId(day)}`;
    const n = (perWeek.get(k) ?? 0) + 1;
    perWeek.set(k, n);
    return n;
  };
  const perCourse = new Map<string, number>();
  const countCourse = (id: string) => {
    const n = (perCourse.get(id) ?? 0) + 1;
    perCourse.set(id, n);
    return n;
  };
  for (const r of ctx.earlier ?? []) {
    count(r.patientKey, parseDate(r.date));
    if (r.courseId) countCourse(r.courseId);
  }
  const out: string[] = [];
  for (const sh of shifts) {
    const what = `Shift of ${sh.courseId} #${sh.fraction}`;
    const course = ctx.courses.get(sh.courseId);
    if (!course) {
      out.push(`${what}: its course is unknown.`);
      continue;
    }
    const fs = parseInstant(sh.from.start);
    const ts = parseInstant(sh.to.start);
    const te = parseInstant(sh.to.end);
    const day = localDayOf(tz, fs);
    if (localDayOf(tz, ts) !== day) out.push(`${what}: moves to another day.`);
    if (day < firstDay) out.push(`${what}: its day ${formatDate(day)} is too close (first shiftable day ${formatDate(firstDay)}).`);
    if (Math.abs(ts - fs) > policy.windowMinutes) out.push(`${what}: moves ${Math.abs(ts - fs)} min, more than ${policy.windowMinutes}.`);
    if (te - ts !== parseInstant(sh.from.end) - fs) out.push(`${what}: changes the fraction's length.`);
    if (sh.from.anesthesia || sh.to.anesthesia || course.requiresAnesthesia) out.push(`${what}: a fraction under anesthesia is never shifted.`);
    const roomIdx = cal.roomIndex.get(sh.to.roomId);
    if (roomIdx === undefined || !cal.roomAllowed(roomIdx, course.roomKinds)) out.push(`${what}: room ${sh.to.roomId} is not one the course may use.`);
    else if (!contains(cal.roomDaysOf(day)[roomIdx].open, ts, te)) out.push(`${what}: outside the room's open hours.`);
    const window = cal.hardWindow({ anesthesia: course.requiresAnesthesia, adultFrom: adultFromDay(course) }, day);
    if (window && !contains(window, ts, te)) out.push(`${what}: outside the patient's hard window (children's hours or anesthesia).`);
    if (count(patientKeyOf(course), day) > policy.perPatientPerWeek)
      out.push(`${what}: more than ${policy.perPatientPerWeek} shift(s) for the patient in the ISO week of ${formatDate(day)}.`);
    if (countCourse(sh.courseId) > policy.perCourse) out.push(`${what}: more than ${policy.perCourse} shifts for the course.`);
  }
  return out;
}
