/**
 * Instants as integer epoch minutes, and the bridge to the center's wall clock. Every
 * conversion goes through @date-fns/tz so a zone with DST or a changed offset (Almaty moved
 * from +06 to +05 on 2024-03-01) is handled; results are cached per (zone, day).
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { DayNum, dayNumOf, formatDate, ymd } from './civil-day';

export type EpochMin = number;

const midnightCache = new Map<string, Map<DayNum, EpochMin>>();

/** The cache's map for one zone, made on first use. */
function perZone<K, V>(cache: Map<string, Map<K, V>>, timeZone: string): Map<K, V> {
  let zoneCache = cache.get(timeZone);
  if (!zoneCache) cache.set(timeZone, (zoneCache = new Map()));
  return zoneCache;
}

/** Epoch minute of local wall-clock time `minuteOfDay` on civil day `dayNum` in `timeZone`. */
export function localToEpochMin(timeZone: string, dayNum: DayNum, minuteOfDay: number): EpochMin {
  const { year, month, day } = ymd(dayNum);
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return Math.round(new TZDate(year, month - 1, day, h, m, timeZone).getTime() / 60_000);
}

/** Epoch minute of local midnight, cached: the allocator asks this for every day it touches. */
export function localMidnight(timeZone: string, dayNum: DayNum): EpochMin {
  const zoneCache = perZone(midnightCache, timeZone);
  let v = zoneCache.get(dayNum);
  if (v === undefined) {
    v = localToEpochMin(timeZone, dayNum, 0);
    zoneCache.set(dayNum, v);
  }
  return v;
}

/** The civil day (in `timeZone`) an instant falls on. */
export function localDayOf(timeZone: string, t: EpochMin): DayNum {
  const offset = offsetMinutes(timeZone, t);
  return Math.floor((t + offset) / 1440);
}

/**
 * Per zone and UTC day: the offset in force from each minute of the day it changes at, first
 * entry at minute 0. A plain day has one entry; a transition day has one per change.
 */
const dayOffsetCache = new Map<string, Map<number, OffsetChange[]>>();
type OffsetChange = { fromMinute: number; offset: number };
/** Zones never change offset twice within this many minutes, so sampling this often finds every change. */
const SAMPLE_MINUTES = 15;
const DAY_MINUTES = 1440;

/**
 * The zone's UTC offset at an instant; cached because plans and forecasts format every booking.
 * A UTC day with the same offset at its start, middle and end has it throughout (zones change
 * offset at most twice a year). On a transition day each change is found to the minute, since
 * not all fall on quarter hours (St. John's changed at 00:01 local time until 2011).
 */
export function offsetMinutes(timeZone: string, t: EpochMin): number {
  const days = perZone(dayOffsetCache, timeZone);
  const day = Math.floor(t / DAY_MINUTES);
  let changes = days.get(day);
  if (changes === undefined) days.set(day, (changes = offsetChangesOfDay(timeZone, day)));
  const minute = t - day * DAY_MINUTES;
  let i = changes.length - 1;
  while (changes[i].fromMinute > minute) i--;
  return changes[i].offset;
}

function offsetChangesOfDay(timeZone: string, day: number): OffsetChange[] {
  const at = (m: number) => tzOffset(timeZone, new Date((day * DAY_MINUTES + m) * 60_000));
  const first = at(0);
  if (at(DAY_MINUTES / 2) === first && at(DAY_MINUTES - 1) === first) return [{ fromMinute: 0, offset: first }];
  const changes: OffsetChange[] = [{ fromMinute: 0, offset: first }];
  let before = first;
  for (let sample = SAMPLE_MINUTES; sample < DAY_MINUTES + SAMPLE_MINUTES; sample += SAMPLE_MINUTES) {
    const end = Math.min(sample, DAY_MINUTES - 1);
    const after = at(end);
    if (after !== before) {
      // The first minute of (sample - SAMPLE_MINUTES, end] with the new offset.
      let lo = sample - SAMPLE_MINUTES;
      let hi = end;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (at(mid) === before) lo = mid;
        else hi = mid;
      }
      changes.push({ fromMinute: hi, offset: after });
      before = after;
    }
  }
  return changes;
}

export function parseInstant(iso: string): EpochMin {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${iso}`);
  return Math.floor(ms / 60_000);
}

/** The first whole minute at or after an instant: the earliest start a booking made "now" may have (rule 5). */
export function parseInstantCeil(iso: string): EpochMin {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${iso}`);
  return Math.ceil(ms / 60_000);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** "HH:MM" of every minute of a day, and the civil date and offset texts met so far: plans format every booking. */
const clockTexts = Array.from({ length: DAY_MINUTES }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);
const dateTexts = new Map<DayNum, string>();
const offsetTexts = new Map<number, string>();

/** ISO 8601 with the zone's offset, e.g. 2027-03-01T07:30:00+05:00 (stable, so plans are byte-identical). */
export function formatInstant(timeZone: string, t: EpochMin): string {
  const off = offsetMinutes(timeZone, t);
  const local = t + off;
  const day = Math.floor(local / DAY_MINUTES);
  let date = dateTexts.get(day);
  if (date === undefined) dateTexts.set(day, (date = formatDate(day)));
  let zone = offsetTexts.get(off);
  if (zone === undefined) {
    const a = Math.abs(off);
    offsetTexts.set(off, (zone = `${off >= 0 ? '+' : '-'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`));
  }
  return `${date}T${clockTexts[local - day * DAY_MINUTES]}:00${zone}`;
}

export function parseHhmm(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`not an HH:MM time: ${hhmm}`);
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (v > 24 * 60 || Number(m[2]) > 59) throw new RangeError(`not an HH:MM time: ${hhmm}`);
  return v;
}

export { dayNumOf };
