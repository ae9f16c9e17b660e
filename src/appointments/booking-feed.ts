import type { EntityManager } from 'typeorm';
import { AppointmentRow, SELECT_APPOINTMENT_ROWS } from './appointment-row';

/** Bookings that ended this long ago no longer constrain anything allocated now. */
export const KEEP_PAST_MS = 14 * 24 * 3600 * 1000;

/** What changed since the last read: everything (`full`, after a start or reset) or the rows written since. */
export interface BookingChanges {
  full: boolean;
  rows: AppointmentRow[];
}

/**
 * Follows the appointments table through its version sequence, for the in-memory views of the bookings
 * (BookingCacheService, the allocator's LivePlanner). Each appointment write takes a new `version` from
 * one sequence and every writer holds the bookings advisory lock (booking-lock.ts), so versions commit in
 * order and "rows with a version above the last one seen" is exactly what changed: reading 20k rows per
 * allocation would dominate the pipeline; a delta is usually a few dozen rows.
 * Callers MUST hold lockBookings(manager) in the same transaction.
 */
export class BookingFeed {
  private version: string | null = null;

  /** First read (and the first after reset): every BOOKED row from KEEP_PAST_MS ago on; then each changed row, in version order, whatever its status. */
  async read(manager: EntityManager, now: Date): Promise<BookingChanges> {
    if (this.version === null) {
      const [{ max }] = await manager.query(`SELECT coalesce(max(version), 0)::text AS max FROM appointments`);
      const rows: AppointmentRow[] = await manager.query(`${SELECT_APPOINTMENT_ROWS} WHERE status = 'BOOKED' AND "end" > $1`, [
        new Date(now.getTime() - KEEP_PAST_MS),
      ]);
      this.version = max as string;
      return { full: true, rows };
    }
    const rows: AppointmentRow[] = await manager.query(`${SELECT_APPOINTMENT_ROWS} WHERE version > $1 ORDER BY version`, [this.version]);
    if (rows.length) this.version = rows[rows.length - 1].version;
    return { full: false, rows };
  }

  /** The next read starts over with a full load. */
  reset(): void {
    this.version = null;
  }
}
