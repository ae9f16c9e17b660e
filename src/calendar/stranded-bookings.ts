import type { EntityManager } from 'typeorm';
import { anesthesiaWindow, openIntervals } from '../scheduling';
import type { CenterConfig } from '../scheduling';
import { tablesExist } from '../database/tables-exist';

export interface StrandedBooking {
  appointmentId: string;
  roomId: string;
  start: string;
  end: string;
}

interface Row {
  id: string;
  room_id: string;
  start: Date;
  end: Date;
  anesthesia: boolean;
  local_date: string;
}

const SAMPLE = 10;

/**
 * Future BOOKED fractions that would no longer fit the center (outside their room's open hours,
 * QA, closures, or the anesthesia window) — what a calendar change must not leave behind (rule 1/7).
 * With `date`, only the fractions on that center-local day (what removing a decree working day affects).
 * With `before` (the calendar before the change), only the fractions that fit it: the ones the change strands.
 * The appointments table belongs to a later migration range, hence the tablesExist guard.
 */
export async function strandedBookings(
  m: EntityManager,
  center: CenterConfig,
  options: { date?: string; before?: CenterConfig } = {},
): Promise<{ count: number; sample: StrandedBooking[] }> {
  if (!(await tablesExist(m, 'appointments'))) return { count: 0, sample: [] };
  // With a date: every BOOKED fraction touching that local day, past ones included (what a change of that one day affects).
  const which =
    options.date === undefined ? `"end" > now()` : `start < (($2::date + 1)::timestamp AT TIME ZONE $1) AND "end" > ($2::date::timestamp AT TIME ZONE $1)`;
  const rows = (await m.query(
    `SELECT id, room_id, start, "end", anesthesia, (start AT TIME ZONE $1)::date::text AS local_date
       FROM appointments WHERE status = 'BOOKED' AND ${which} ORDER BY start`,
    options.date === undefined ? [center.timeZone] : [center.timeZone, options.date],
  )) as Row[];
  const windows = new Map<string, Array<[number, number]>>();
  const spans = (key: string, make: () => Array<{ start: string; end: string }>) => {
    let hit = windows.get(key);
    if (!hit) windows.set(key, (hit = make().map((i) => [Date.parse(i.start), Date.parse(i.end)] as [number, number])));
    return hit;
  };
  const inside = (list: Array<[number, number]>, s: number, e: number) => list.some(([a, b]) => a <= s && e <= b);
  const stranded: StrandedBooking[] = [];
  let count = 0;
  const fitsIn = (c: CenterConfig, tag: string, r: Row, s: number, e: number) =>
    inside(
      spans(`${tag}${r.room_id}|${r.local_date}`, () => openIntervals(c, r.room_id, r.local_date)),
      s,
      e,
    ) &&
    (!r.anesthesia ||
      inside(
        spans(`${tag}A|${r.local_date}`, () => anesthesiaWindow(c, r.local_date)),
        s,
        e,
      ));
  for (const r of rows) {
    const [s, e] = [r.start.getTime(), r.end.getTime()];
    if (fitsIn(center, '', r, s, e)) continue;
    // Already outside the calendar before the change (under a downtime whose reschedule is pending or
    // failed): not this change's doing, and the reschedule, not the administrator, moves it.
    if (options.before && !fitsIn(options.before, 'B|', r, s, e)) continue;
    count++;
    if (stranded.length < SAMPLE) stranded.push({ appointmentId: r.id, roomId: r.room_id, start: r.start.toISOString(), end: r.end.toISOString() });
  }
  return { count, sample: stranded };
}
