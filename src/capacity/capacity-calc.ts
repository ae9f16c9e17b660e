import { openIntervals, formatDate, parseDate, weekdayIndex, isoWeekLabel } from '../scheduling';
import type { CenterConfig } from '../scheduling';

/** Fraction lengths the free-slot counts are reported for (adult, child, anesthesia defaults). */
export const SLOT_LENGTHS = [30, 40, 50] as const;

export interface BookedInterval {
  roomId: string;
  start: string;
  end: string;
}

export interface RoomWeekCapacity {
  isoWeek: string;
  weekStart: string;
  /** Days of this week inside the requested range. */
  days: number;
  openMinutes: number;
  bookedMinutes: number;
  utilization: number;
  /** Free gaps at least this long. */
  freeGaps: Record<string, number>;
  /** How many more fractions of this length fit in the free gaps. */
  freeSlots: Record<string, number>;
}

export interface RoomCapacity {
  roomId: string;
  kind: string;
  active: boolean;
  weeks: RoomWeekCapacity[];
}

type Iv = [number, number];

/**
 * Open vs booked room time per room and ISO week over the dates [from, to). Open time is the core's
 * open intervals (hours minus QA, closures and downtime); booked time is the part of each
 * appointment inside open time, so a booking a downtime overran does not count twice.
 */
export function roomCapacity(center: CenterConfig, bookings: BookedInterval[], from: string, to: string): RoomCapacity[] {
  const fromDay = parseDate(from);
  const toDay = parseDate(to);
  const byRoom = new Map<string, Iv[]>();
  for (const b of bookings) {
    const list = byRoom.get(b.roomId) ?? [];
    list.push([Date.parse(b.start) / 60_000, Date.parse(b.end) / 60_000]);
    byRoom.set(b.roomId, list);
  }
  for (const list of byRoom.values()) list.sort((a, b) => a[0] - b[0]);

  return center.rooms.map((room) => {
    const booked = byRoom.get(room.id) ?? [];
    const weeks = new Map<string, RoomWeekCapacity>();
    for (let day = fromDay; day < toDay; day++) {
      const monday = day - weekdayIndex(day);
      const key = formatDate(monday);
      let week = weeks.get(key);
      if (!week) {
        week = {
          isoWeek: isoWeekLabel(monday),
          weekStart: key,
          days: 0,
          openMinutes: 0,
          bookedMinutes: 0,
          utilization: 0,
          freeGaps: Object.fromEntries(SLOT_LENGTHS.map((l) => [String(l), 0])),
          freeSlots: Object.fromEntries(SLOT_LENGTHS.map((l) => [String(l), 0])),
        };
        weeks.set(key, week);
      }
      week.days++;
      const open: Iv[] = openIntervals(center, room.id, formatDate(day)).map((iv) => [Date.parse(iv.start) / 60_000, Date.parse(iv.end) / 60_000]);
      for (const [os, oe] of open) {
        week.openMinutes += oe - os;
        let cursor = os;
        for (const [bs, be] of booked) {
          if (be <= os) continue;
          if (bs >= oe) break;
          const s = Math.max(bs, os);
          const e = Math.min(be, oe);
          week.bookedMinutes += Math.max(0, e - Math.max(s, cursor));
          if (s > cursor) countGap(week, s - cursor);
          cursor = Math.max(cursor, e);
        }
        if (oe > cursor) countGap(week, oe - cursor);
      }
    }
    const list = [...weeks.values()].map((w) => ({ ...w, utilization: w.openMinutes > 0 ? round(w.bookedMinutes / w.openMinutes) : 0 }));
    return { roomId: room.id, kind: room.kind, active: room.active, weeks: list };
  });
}

function countGap(week: RoomWeekCapacity, minutes: number): void {
  for (const l of SLOT_LENGTHS) {
    if (minutes >= l) {
      week.freeGaps[String(l)]++;
      week.freeSlots[String(l)] += Math.floor(minutes / l);
    }
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
