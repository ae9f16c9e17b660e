/**
 * An EMERGENCY course comes before a routine patient's booked-but-not-started date. When an
 * EMERGENCY course cannot start by its due day on the free capacity (the urgent reserve keeps a
 * few slots a day, but a long emergency series needs them for weeks), booked ROUTINE courses
 * that have not started, and do not start before a notice boundary, may be moved later: the
 * fewest such courses that let the emergency start on time are taken out, the emergency is
 * placed, and the moved courses are placed again in their arrival order, ahead of the routine
 * queue (they may still start later, flagged lateStart). Courses in treatment, URGENT and
 * EMERGENCY courses are never moved. If any moved course would not fit again, nothing moves.
 */
import { AllocationOptions, AllocationResult, Booking, CourseRequest, DisplacedCourse } from '../types';
import { relocationMoves } from './relocation-moves';
import { DayNum, parseDate } from '../time/civil-day';
import { localDayOf, parseInstantCeil } from '../time/zone';
import { CenterCalendar } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking } from './booking-index';

export interface DisplacementPolicy {
  /** Only courses whose first fraction is at least this many calendar days after today may move. */
  noticeDays: number;
  /** At most this many courses move for one emergency. */
  maxCourses: number;
}

/** Two days' notice for the moved patient; with the default reserve it is needed about once a year. */
export const DEFAULT_DISPLACEMENT: DisplacementPolicy = { noticeDays: 2, maxCourses: 6 };

export interface DisplacementHost {
  readonly index: BookingIndex;
  readonly calendar: CenterCalendar;
  /** Places one course on the current index without committing it and without displacing anyone. */
  place(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  /** Places a moved course again ahead of the queue: the urgent reserve does not hold it back. */
  placeAgain(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  toBooking(b: IndexedBooking): Booking;
}

export interface Displacement {
  result: Extract<AllocationResult, { status: 'SCHEDULED' }>;
  /** Takes every change back out of the index (a search that must not commit). */
  undo(): void;
}

interface Candidate {
  course: CourseRequest;
  refs: number[];
  firstDay: DayNum;
  overlap: number;
}

export function displaceForEmergency(
  host: DisplacementHost,
  course: CourseRequest,
  opts: AllocationOptions,
  candidates: Iterable<CourseRequest>,
  policy: DisplacementPolicy,
): Displacement | null {
  const { index, calendar } = host;
  const nowDay = localDayOf(calendar.timeZone, parseInstantCeil(opts.now));
  const ranked = rank(index, calendar, course, nowDay, candidates, policy);
  if (ranked.length === 0) return null;

  // Trials look no further than the due day: a later start is no use to anyone.
  const trialOpts = byDueDay(course, opts);
  const onTime = () => {
    const r = host.place(course, trialOpts);
    return r.status === 'SCHEDULED' && !r.lateStart ? r : null;
  };
  // Take out the most promising courses one by one until the emergency starts on time (looking
  // at a few times as many as may move), then put back every one it turns out not to need.
  const taken: Candidate[] = [];
  let placed: Extract<AllocationResult, { status: 'SCHEDULED' }> | null = null;
  for (const cand of ranked.slice(0, policy.maxCourses * 4)) {
    for (const ref of cand.refs) index.remove(ref);
    taken.push(cand);
    placed = onTime();
    if (placed || taken.length >= policy.maxCourses) break;
  }
  if (placed) {
    for (let i = taken.length - 2; i >= 0; i--) {
      const cand = taken[i];
      for (const ref of cand.refs) index.restore(ref);
      const still = onTime();
      if (still) {
        placed = still;
        taken.splice(i, 1);
      } else for (const ref of cand.refs) index.remove(ref);
    }
  }
  const restoreTaken = () => {
    for (const c of taken) for (const ref of c.refs) index.restore(ref);
  };
  if (!placed) {
    restoreTaken();
    return null;
  }

  const added: number[] = placed.appointments.map((b) => index.addBooking(b));
  const undo = () => {
    for (const ref of added) index.remove(ref);
    restoreTaken();
  };
  const displaced: DisplacedCourse[] = [];
  const reason = `Moved so that EMERGENCY course ${course.id} can start by ${course.dueStart}; this course had not started yet.`;
  const inArrivalOrder = [...taken].sort((a, b) => cmp(a.course.arrival, b.course.arrival) || cmp(a.course.id, b.course.id));
  for (const c of inArrivalOrder) {
    const again = host.placeAgain(c.course, { now: opts.now, horizonWeeks: opts.horizonWeeks, lastStartDate: opts.lastStartDate });
    if (again.status !== 'SCHEDULED') {
      undo();
      return null;
    }
    for (const b of again.appointments) added.push(index.addBooking(b));
    const old = c.refs.map((ref) => host.toBooking(index.all[ref]));
    const moves = relocationMoves(c.course.id, old, again.appointments, reason);
    displaced.push({ courseId: c.course.id, moves, lateStart: again.lateStart, firstDate: again.firstDate });
  }
  return { result: { ...placed, displaced }, undo };
}

/** The options that allow only on-time starts: up to the due day (or the last start allowed, if earlier). */
export function byDueDay(course: CourseRequest, opts: AllocationOptions): AllocationOptions {
  const due = opts.lastStartDate && opts.lastStartDate < course.dueStart ? opts.lastStartDate : course.dueStart;
  return { ...opts, lastStartDate: due };
}

/** Movable courses that book something in the emergency's first weeks, most promising first. */
function rank(
  index: BookingIndex,
  calendar: CenterCalendar,
  course: CourseRequest,
  nowDay: DayNum,
  candidates: Iterable<CourseRequest>,
  policy: DisplacementPolicy,
): Candidate[] {
  const from = Math.max(parseDate(course.earliestStart), nowDay);
  const span = Math.ceil((course.fractions * 7) / Math.max(1, course.fractionsPerWeek)) + 7;
  const until = parseDate(course.dueStart) + span;
  const boundary = nowDay + policy.noticeDays;
  const seen = new Set<string>([course.id]);
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (seen.has(c.id) || c.urgency !== 'ROUTINE') continue;
    seen.add(c.id);
    const refs = index.courseRefs(c.id);
    if (refs.length === 0 || refs.length !== c.fractions) continue;
    let firstDay = Infinity;
    let overlap = 0;
    let hasFirst = false;
    for (const ref of refs) {
      const b = index.all[ref];
      if (b.day < firstDay) firstDay = b.day;
      if (b.fraction === 1) hasFirst = true;
      if (b.day >= from && b.day <= until && (!course.requiresAnesthesia || b.anesthesia || inWindow(calendar, b))) overlap++;
    }
    if (!hasFirst || firstDay < boundary || overlap === 0) continue;
    out.push({ course: c, refs, firstDay, overlap });
  }
  return out.sort((a, b) => b.overlap - a.overlap || b.firstDay - a.firstDay || cmp(a.course.id, b.course.id));
}

function inWindow(calendar: CenterCalendar, b: IndexedBooking): boolean {
  return (calendar.anesthesiaWindow(b.day) ?? []).some(([s, e]) => b.start < e && s < b.end);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
