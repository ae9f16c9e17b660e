/**
 * Where a plan's idle room minutes go, for diagnosis: slivers (idle gaps shorter than a
 * standard 30-minute fraction), gaps long enough in the room but unusable because the shared
 * beam is taken at every possible start, and placeable gaps (a standard fraction would fit
 * that day: capacity left for later or reserved). Of the placeable minutes, `emergencySlots`
 * are the places each day still keeps startable for an emergency once everything is booked
 * (emergency-probe.ts, counted on the day's lane template as the planner does): room time that
 * the reserve must leave idle unless an emergency comes. Shares of open room minutes.
 */
import { Booking, CenterConfig } from '../types';
import { parseDate } from '../time/civil-day';
import { calendarFor } from '../calendar/center-calendar';
import { freeGaps } from '../calendar/intervals';
import { BookingIndex } from '../allocation/booking-index';
import { FractionShape, SlotFinder } from '../allocation/slot-finder';
import { DayLanes } from '../allocation/day-lanes';
import { EmergencyKeep, EmergencyProbe } from '../allocation/emergency-probe';

export interface IdleBreakdown {
  sliver: number;
  beamBlocked: number;
  placeable: number;
  /** Part of `placeable`: the emergency slots (only when asked for with `keep`). */
  emergencySlots?: number;
}

const STANDARD: FractionShape = { minutes: 30, beamOffset: 10, beamMinutes: 8, anesthesia: false };

export function idleBreakdown(center: CenterConfig, bookings: Booking[], from: string, to: string, gridMinutes = 10, keep?: EmergencyKeep): IdleBreakdown {
  const cal = calendarFor(center);
  const index = new BookingIndex(cal);
  for (const b of bookings) index.addBooking(b);
  const slots = new SlotFinder(cal, index, gridMinutes);
  const lanes = center.sharedBeam ? new DayLanes(cal, gridMinutes, {}, index) : null;
  const laneSlots = new SlotFinder(cal, index, gridMinutes, lanes);
  const probe = keep ? new EmergencyProbe(cal, index, laneSlots, keep) : null;
  let open = 0;
  const acc = { sliver: 0, beamBlocked: 0, placeable: 0, emergencySlots: 0 };
  for (let d = parseDate(from); d <= parseDate(to); d++) {
    if (probe && cal.roomDaysOf(d).some((rd) => rd.open.length)) acc.emergencySlots += probe.held(d).minutes;
    cal.roomDaysOf(d).forEach((rd, r) => {
      open += rd.openMinutes;
      const spans = index.roomSpans(r, d) ?? [];
      for (const [os, oe] of rd.open) {
        for (const [gs, ge] of freeGaps([os, oe], spans)) {
          if (ge - gs < STANDARD.minutes) acc.sliver += ge - gs;
          else if (slots.earliestFit(r, d, gs, ge - STANDARD.minutes, STANDARD) === null) acc.beamBlocked += ge - gs;
          else acc.placeable += ge - gs;
        }
      }
    });
  }
  const share = (x: number) => (open ? Math.round((x / open) * 10000) / 10000 : 0);
  return {
    sliver: share(acc.sliver),
    beamBlocked: share(acc.beamBlocked),
    placeable: share(acc.placeable),
    ...(probe ? { emergencySlots: share(acc.emergencySlots) } : {}),
  };
}
