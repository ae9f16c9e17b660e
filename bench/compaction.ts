/**
 * npm run bench:compaction — nightly compaction (bounded shifts, issue #20 goal: a booked day in
 * < 2 s) of the busiest day of the booked 800-course year (booked-year.ts, seed 1). The planner is
 * built as the live one is (every booking of the year added, shifts and the full reserve on, every
 * course shiftable) and is not timed: the live planner is kept alive between jobs. Timed:
 * `Planner.compact` alone, on a fresh planner each run, at 02:00 two days before the date (the
 * nightly job's date). Prints CPU ms (process.cpuUsage, user + system) and wall ms of the first
 * run in the process (cold) and the best of the others, and what the compaction shifted. The
 * busiest day is packed on the lane template and may have nothing to merge, so every booked date
 * is compacted too, night after night on one planner as the live job does: the slowest and the
 * one that shifted most. Options: --runs N (default 5).
 */
import { performance } from 'node:perf_hooks';
import {
  createPlanner,
  DEFAULT_RESERVATION,
  DEFAULT_SHIFT_POLICY,
  formatDate,
  formatInstant,
  localDayOf,
  localMidnight,
  parseDate,
  parseInstant,
} from '../src/scheduling';
import { bookedYear } from './booked-year';
import { numberArg } from './cli-args';

function main(): void {
  const runs = Math.max(2, numberArg('runs', 5));
  const year = bookedYear();
  const tz = year.center.timeZone;
  const localDate = (instant: string) => formatDate(localDayOf(tz, parseInstant(instant)));
  const minutesByDate = new Map<string, number>();
  for (const b of year.bookings) {
    const date = localDate(b.start);
    minutesByDate.set(date, (minutesByDate.get(date) ?? 0) + parseInstant(b.end) - parseInstant(b.start));
  }
  // Busiest: most booked room minutes; ties to the earlier date (deterministic).
  const [date, bookedMinutes] = [...minutesByDate].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const now = formatInstant(tz, localMidnight(tz, parseDate(date) - 2) + 120);
  const onDay = year.bookings.filter((b) => localDate(b.start) === date).length;

  const samples: Array<{ cpuMs: number; wallMs: number; shifts: number }> = [];
  for (let i = 0; i < runs; i++) {
    const planner = createPlanner(year.center, year.bookings, { shifts: DEFAULT_SHIFT_POLICY, reservation: DEFAULT_RESERVATION });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const shifts = planner.compact(date, now, year.courses, []);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    samples.push({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, shifts: shifts.length });
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  const nightly = createPlanner(year.center, year.bookings, { shifts: DEFAULT_SHIFT_POLICY, reservation: DEFAULT_RESERVATION });
  const nights: Array<{ date: string; cpuMs: number; wallMs: number; shifted: number }> = [];
  for (const d of [...minutesByDate.keys()].sort()) {
    const at = formatInstant(tz, localMidnight(tz, parseDate(d) - 2) + 120);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const shifted = nightly.compact(d, at, year.courses, []).length;
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    nights.push({ date: d, cpuMs: round((cpu.user + cpu.system) / 1000), wallMs: round(wallMs), shifted });
  }
  const slowest = nights.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  const most = nights.reduce((a, b) => (b.shifted > a.shifted ? b : a));
  const warm = samples.slice(1);
  const out = {
    bench: 'compaction',
    scenario: '800-course 2027 year, seed 1, booked on arrival by the default planner (booked-year.ts)',
    date,
    now,
    bookingsInYear: year.bookings.length,
    bookingsOnDate: onDay,
    bookedRoomMinutesOnDate: bookedMinutes,
    shifted: samples[0].shifts,
    coldFirstRun: { cpuMs: round(samples[0].cpuMs), wallMs: round(samples[0].wallMs) },
    warmBestOf: warm.length,
    warm: { cpuMs: round(Math.min(...warm.map((s) => s.cpuMs))), wallMs: round(Math.min(...warm.map((s) => s.wallMs))) },
    everyDate: {
      dates: nights.length,
      shifted: nights.reduce((n, x) => n + x.shifted, 0),
      datesWithShifts: nights.filter((x) => x.shifted > 0).length,
      totalCpuMs: round(nights.reduce((n, x) => n + x.cpuMs, 0)),
      slowest,
      mostShifted: most,
    },
    goalMsBelow: 2000,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

if (require.main === module) main();
