import { rescheduleForDowntime } from '../rescheduling/reschedule-downtime';
import { parseInstant } from '../time/zone';
import type { Booking, CenterConfig, CourseRequest, DowntimeSpec, Move } from '../types';

export interface DowntimeWhatIf {
  /** The schedule after the downtimes, as the live reschedule job would leave it. */
  bookings: Booking[];
  moved: number;
  cancelled: number;
}

/** The live job's result applied to a booking list: moved fractions replace theirs, dropped ones go. */
function applyMoves(bookings: Booking[], moves: Move[]): Booking[] {
  const byId = new Map(moves.filter((m) => m.bookingId).map((m) => [m.bookingId!, m]));
  const kept = bookings.flatMap((b) => {
    const m = b.id ? byId.get(b.id) : undefined;
    return m ? (m.to ? [{ ...m.to, id: b.id }] : []) : [b];
  });
  const added = moves.filter((m) => !m.bookingId && m.to).map((m) => m.to!);
  return kept.concat(added);
}

/**
 * What-if downtimes do to the live schedule what declaring them does: the core's
 * rescheduleForDowntime (the call behind POST /downtimes' reschedule job and its preview) moves the
 * fractions each one hits, one downtime after another, and what it leaves inside the downtime is
 * cancelled, as the job's safety net cancels it. `center` already lists the downtimes.
 */
export function applyDowntimeWhatIfs(
  center: CenterConfig,
  bookings: Booking[],
  courses: CourseRequest[],
  downtimes: DowntimeSpec[],
  now: string,
  notStarted: CourseRequest[] = [],
): DowntimeWhatIf {
  const nowMin = parseInstant(now);
  // Moves name the booking they move; bookings a planner made offline may have no id yet.
  let current = bookings.map((b, i) => (b.id ? b : { ...b, id: `what-if-${i}` }));
  let moved = 0;
  let cancelled = 0;
  for (const d of downtimes) {
    const ds = parseInstant(d.start);
    const de = parseInstant(d.end);
    const inside = (b: Booking) =>
      (d.roomId === null || b.roomId === d.roomId) && parseInstant(b.start) < de && parseInstant(b.end) > ds && parseInstant(b.beamEnd) > nowMin;
    if (!current.some(inside)) continue;
    const { moves } = rescheduleForDowntime(center, current, courses, d, now, notStarted);
    moved += moves.filter((m) => m.from && m.to).length;
    cancelled += moves.filter((m) => m.from && !m.to).length;
    const after = applyMoves(current, moves);
    const left = after.filter(inside);
    cancelled += left.length;
    current = left.length ? after.filter((b) => !inside(b)) : after;
  }
  return { bookings: current, moved, cancelled };
}
