import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking } from '../scheduling';
import { AppointmentRow, rowToBooking, SELECT_APPOINTMENT_ROWS } from './appointment-row';

/** Bookings that ended this long ago no longer constrain anything we allocate now. */
const KEEP_PAST_MS = 14 * 24 * 3600 * 1000;

/**
 * Every BOOKED appointment from the recent past on, kept in memory and refreshed incrementally:
 * each appointment write takes a new `version` from one sequence, and every writer holds the
 * bookings advisory lock (database/booking-lock.ts), so versions commit in order and "rows with a version
 * above the last one seen" is exactly what changed. Reading 20k rows per allocation would
 * dominate the pipeline; a delta is usually a few dozen rows.
 * Callers MUST hold lockBookings(manager) in the same transaction.
 */
@Injectable()
export class BookingCacheService {
  private readonly byId = new Map<string, Booking>();
  private version: string | null = null;
  private snapshot: Booking[] | null = null;

  async current(manager: EntityManager, now = new Date()): Promise<Booking[]> {
    if (this.version === null) await this.fullLoad(manager, now);
    else await this.applyDelta(manager);
    this.prune(now);
    if (!this.snapshot) this.snapshot = Array.from(this.byId.values());
    return this.snapshot;
  }

  /** After an unexpected conflict, start over from the database. */
  invalidate(): void {
    this.version = null;
    this.byId.clear();
    this.snapshot = null;
  }

  private async fullLoad(manager: EntityManager, now: Date): Promise<void> {
    this.byId.clear();
    const [{ max }] = await manager.query(`SELECT coalesce(max(version), 0)::text AS max FROM appointments`);
    const rows: AppointmentRow[] = await manager.query(`${SELECT_APPOINTMENT_ROWS} WHERE status = 'BOOKED' AND "end" > $1`, [new Date(now.getTime() - KEEP_PAST_MS)]);
    for (const row of rows) this.byId.set(row.id, rowToBooking(row));
    this.version = max;
    this.snapshot = null;
  }

  private async applyDelta(manager: EntityManager): Promise<void> {
    const rows: AppointmentRow[] = await manager.query(`${SELECT_APPOINTMENT_ROWS} WHERE version > $1 ORDER BY version`, [this.version]);
    if (rows.length === 0) return;
    for (const row of rows) {
      if (row.status === 'BOOKED') this.byId.set(row.id, rowToBooking(row));
      else this.byId.delete(row.id);
    }
    this.version = rows[rows.length - 1].version;
    this.snapshot = null;
  }

  private prune(now: Date): void {
    const cutoff = now.getTime() - KEEP_PAST_MS;
    for (const [id, b] of this.byId) {
      if (Date.parse(b.end) < cutoff) {
        this.byId.delete(id);
        this.snapshot = null;
      }
    }
  }
}

