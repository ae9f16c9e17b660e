import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking } from '../scheduling';
import { rowToBooking } from './appointment-row';
import { BookingFeed, KEEP_PAST_MS } from './booking-feed';

/**
 * Every BOOKED appointment from the recent past on, kept in memory and brought up to date by the
 * version delta (booking-feed.ts). Callers MUST hold lockBookings(manager) in the same transaction.
 */
@Injectable()
export class BookingCacheService {
  private readonly feed = new BookingFeed();
  private readonly byId = new Map<string, Booking>();
  private snapshot: Booking[] | null = null;

  async current(manager: EntityManager, now = new Date()): Promise<Booking[]> {
    const { full, rows } = await this.feed.read(manager, now);
    if (full) {
      this.byId.clear();
      this.snapshot = null;
    }
    for (const row of rows) {
      if (row.status === 'BOOKED') this.byId.set(row.id, rowToBooking(row));
      else this.byId.delete(row.id);
    }
    if (rows.length) this.snapshot = null;
    this.prune(now);
    if (!this.snapshot) this.snapshot = Array.from(this.byId.values());
    return this.snapshot;
  }

  /** After an unexpected conflict, start over from the database. */
  invalidate(): void {
    this.feed.reset();
    this.byId.clear();
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
