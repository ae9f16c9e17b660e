import type { EntityManager } from 'typeorm';
import { createPlanner, LIVE_PLANNER_OPTIONS } from '../../scheduling';
import { AppointmentRow, rowToBooking } from '../../appointments/appointment-row';
import { BookingFeed } from '../../appointments/booking-feed';
import type { AllocationOptions, AllocationResult, Booking, CenterConfig, CourseRequest, EarlyStart, Planner, Shift, ShiftRecord } from '../../scheduling';

/**
 * The core planner kept alive between jobs, so an allocation costs the course, not the whole
 * calendar: rebuilding the planner's index from ~20k bookings for every job dominated the
 * pipeline. It follows the database through the appointment version sequence (BookingFeed, as the
 * booking cache does): only rows written since the last look are applied, a moved or cancelled row
 * replaces or removes its old entry. A new CenterConfig object (the center
 * service hands out one frozen object per config version) means a rebuild.
 * Every method must run inside a transaction holding lockBookings.
 */
export class LivePlanner {
  private planner: Planner | null = null;
  private center: CenterConfig | null = null;
  private readonly feed = new BookingFeed();
  /** Appointment id -> its entry in the planner's index and the row version it reflects. */
  private readonly known = new Map<string, { ref: number; version: string }>();

  async sync(m: EntityManager, center: CenterConfig, now: Date): Promise<void> {
    if (!this.planner || this.center !== center) this.reset();
    const { full, rows } = await this.feed.read(m, now);
    if (full) {
      this.planner = createPlanner(center, [], LIVE_PLANNER_OPTIONS);
      this.center = center;
    }
    for (const row of rows) this.apply(row);
  }

  /** Finds a placement without recording it; `commit` records it once the rows are written. */
  search(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    if (!this.planner) throw new Error('LivePlanner.search before sync');
    return this.planner.search(course, opts);
  }

  /**
   * Offers the free places of the day two days ahead to `movable` courses (see early-start.ts).
   * The new series go into the planner's index without row ids: reset() after writing them.
   */
  offerEarlierStarts(now: string, movable: CourseRequest[]): EarlyStart[] {
    if (!this.planner) throw new Error('LivePlanner.offerEarlierStarts before sync');
    return this.planner.offerEarlierStarts(now, movable);
  }

  /** Nightly compaction of `date` (see Planner.compact); the shifts stay in this planner's index. */
  compact(date: string, now: string, shiftable: CourseRequest[], history: ShiftRecord[]): Shift[] {
    if (!this.planner) throw new Error('LivePlanner.compact before sync');
    return this.planner.compact(date, now, shiftable, history);
  }

  /** Records rows this process has committed (ids and versions from INSERT ... RETURNING). */
  commit(rows: Array<{ id: string; version: string; booking: Booking }>): void {
    if (!this.planner) return;
    for (const r of rows) this.known.set(r.id, { ref: this.planner.addBooking({ ...r.booking, id: r.id }), version: r.version });
  }

  /** Everything the planner currently counts as booked (diagnostics and tests). */
  bookings(): Booking[] {
    return this.planner?.bookings() ?? [];
  }

  /** After anything unexpected: start over from the database next time. */
  reset(): void {
    this.planner = null;
    this.center = null;
    this.known.clear();
    this.feed.reset();
  }

  private apply(row: AppointmentRow): void {
    const planner = this.planner!;
    const seen = this.known.get(row.id);
    if (seen && seen.version === row.version) return;
    if (seen) {
      planner.removeBooking(seen.ref);
      this.known.delete(row.id);
    }
    if (row.status !== 'BOOKED') return;
    const ref = planner.addBooking(rowToBooking(row));
    this.known.set(row.id, { ref, version: row.version });
  }
}
