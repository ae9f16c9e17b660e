import type { EntityManager } from 'typeorm';
import { calendarEntryWindow, centerToday, requireDateWithin } from '../common/center-clock';
import { badRequest, conflict } from '../common/problem';

const MAX_DAYS = 366;
const DUPLICATE_LOCK_KEY = 7_364_300_019;

/** Plausible dates, as for closures: a year typo would otherwise leave the real maintenance window bookable. */
export function requirePlausibleWindow(timeZone: string, start: Date, end: Date): void {
  const window = calendarEntryWindow(timeZone);
  const why = 'a downtime lies between last January and two Decembers ahead';
  requireDateWithin('start', centerToday(timeZone, start), window, why);
  requireDateWithin('end', centerToday(timeZone, new Date(end.getTime() - 1)), window, why);
}

/** The rule CreateDowntimeDto's `end` checks, for a change whose start and end come from two places. */
export function requireEndAfterStart(start: Date, end: Date): void {
  if (end.getTime() > start.getTime() && end.getTime() - start.getTime() <= MAX_DAYS * 86_400_000) return;
  const message = `end must be after start and at most ${MAX_DAYS} days later`;
  throw badRequest('validation', `Validation failed: end (${message})`, { errors: [{ field: 'end', messages: [message] }] });
}

/**
 * An exact duplicate (same room, or both the whole beam line, same start and end) of another downtime is
 * refused: declared twice by a double click it would only say the same thing twice in every list. The
 * transaction-level lock serialises two declarations racing each other; the unique index is the last guard.
 */
export async function refuseDuplicate(m: EntityManager, d: { roomId: string | null; start: Date; end: Date }, exceptId: string | null = null): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [DUPLICATE_LOCK_KEY]);
  const [twin]: Array<{ id: string }> = await m.query(
    `SELECT id FROM downtimes WHERE room_id IS NOT DISTINCT FROM $1 AND start_at = $2 AND end_at = $3 AND ($4::uuid IS NULL OR id <> $4) LIMIT 1`,
    [d.roomId, d.start, d.end, exceptId],
  );
  if (twin) {
    throw conflict('duplicate-downtime', `Downtime ${twin.id} already covers exactly this room and time`, { downtimeId: twin.id });
  }
}
