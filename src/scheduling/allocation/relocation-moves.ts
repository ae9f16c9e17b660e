import { Booking, Move } from '../types';

/**
 * The moves that take a course's old bookings to its new ones, fraction by fraction: each keeps
 * its booking id, so a moved appointment keeps its history (displacement, early starts).
 */
export function relocationMoves(courseId: string, old: Booking[], placed: Booking[], reason: string): Move[] {
  const before = new Map(old.map((b) => [b.fraction, b]));
  return placed.map((to) => {
    const from = before.get(to.fraction) ?? null;
    return { ...(from?.id ? { bookingId: from.id } : {}), courseId, fraction: to.fraction, from, to, reason };
  });
}
