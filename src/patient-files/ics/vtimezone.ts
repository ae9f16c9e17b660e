import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Transition {
  /** The instant the new offset starts, ms. */
  at: number;
  from: number;
  to: number;
}

/**
 * A VTIMEZONE for `timeZone` covering [fromMs, toMs], written from the runtime's own time-zone data
 * (the same the app computes local times with). Bundled VTIMEZONE tables go stale: one popular
 * package still gives Asia/Almaty +06, which it left on 2024-03-01, and every phone would then show
 * each fraction an hour late. One observance per offset change in the range, none repeating, so no
 * RRULE has to be right about the future.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string {
  const start = Math.floor(fromMs / DAY) * DAY - DAY;
  const end = Math.ceil(toMs / DAY) * DAY + DAY;
  const offsetAt = (ms: number) => tzOffset(timeZone, new Date(ms));
  const transitions: Transition[] = [];
  let before = offsetAt(start);
  for (let day = start + DAY; day <= end; day += DAY) {
    const after = offsetAt(day);
    if (after === before) continue;
    // Zones change at most once in a day: find the minute it happened.
    let lo = day - DAY;
    let hi = day;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    transitions.push({ at: hi, from: before, to: after });
    before = after;
  }
  const initial = offsetAt(start);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  // The offset in force when the range begins, as an observance starting well before it.
  lines.push(...observance('STANDARD', localStamp(start, initial), initial, initial));
  transitions.forEach((t, i) => {
    const next = transitions[i + 1];
    const daylight = t.to > t.from && (!next || next.to < t.to);
    lines.push(...observance(daylight ? 'DAYLIGHT' : 'STANDARD', localStamp(t.at, t.from), t.from, t.to));
  });
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, from: number, to: number): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${dtstart}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `END:${kind}`];
}

/** +0500, -0330 (RFC 5545 utc-offset). */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The wall-clock time at `ms` under `offset` minutes, as an RFC 5545 local DATE-TIME. */
function localStamp(ms: number, offset: number): string {
  const iso = new Date(ms + offset * MINUTE).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}
