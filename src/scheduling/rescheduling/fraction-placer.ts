/**
 * The reschedulers' view of the bookings: no course search and no reserves, one fraction at a
 * time put on the day it must keep.
 */
import { Booking, CenterConfig } from '../types';
import { DayNum } from '../time/civil-day';
import { CenterCalendar, calendarFor } from '../calendar/center-calendar';
import { BookingIndex } from '../allocation/booking-index';
import { FractionShape, SlotFinders, slotFindersFor } from '../allocation/slot-finder';
import { Placement, placeOnDay } from '../allocation/day-placement';

export class FractionPlacer {
  readonly calendar: CenterCalendar;
  readonly index: BookingIndex;
  private readonly slots: SlotFinders;

  constructor(center: CenterConfig, existing: Booking[]) {
    this.calendar = calendarFor(center);
    this.index = new BookingIndex(this.calendar);
    this.slots = slotFindersFor(this.calendar, this.index, 10);
    for (const b of existing) this.index.addBooking(b);
  }

  /**
   * The best place on day `d` near `target` (see day-placement.ts), not before `floor`: the
   * template's places first, then any free minutes, since keeping the day matters more than the
   * packing.
   */
  placeOnDay(d: DayNum, r0: number, target: number, rooms: number[], shape: FractionShape, floor = -Infinity): Placement | null {
    const onLanes = placeOnDay(this.slots.lanes, d, r0, target, rooms, shape, floor);
    if (onLanes || !this.slots.lanes.hasLanes) return onLanes;
    return placeOnDay(this.slots.free, d, r0, target, rooms, shape, floor);
  }
}
