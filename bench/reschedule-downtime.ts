/**
 * ts-node bench/reschedule-downtime.ts [--runs N] — the core's share of a downtime preview (issue
 * #19: a three-week downtime on a booked year in < 2 s, SQL included). On the booked 800-course
 * year (booked-year.ts), times rescheduleForDowntime, with the not-started courses that may start a
 * day later, for room G2 down three weeks and the beam line down two days: cold (the first call in
 * the process, day templates not cached) and warm (best of N), as CPU and wall milliseconds, with
 * the outcome (fractions hit, moved, cancelled; courses started a day later). Prints JSON.
 */
import { performance } from 'node:perf_hooks';
import { clearLaneTemplateCache, rescheduleForDowntime } from '../src/scheduling';
import { bookedYear, declaredAt } from './booked-year';
import { TIMED_DOWNTIMES } from './reschedule-downtime-cases';
import { numberArg } from './cli-args';

/** CPU (user + system) and wall milliseconds of one call: the machine is shared, so CPU is the figure to trust. */
function timed<T>(f: () => T): { value: T; cpuMs: number; wallMs: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const value = f();
  const wallMs = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { value, cpuMs: Math.round((c.user + c.system) / 100) / 10, wallMs: Math.round(wallMs * 10) / 10 };
}

const runs = numberArg('runs', 5);
const year = bookedYear();
const results = [];
for (const [i, { name, downtime, now }] of TIMED_DOWNTIMES.entries()) {
  const { live, notStarted } = declaredAt(year, now);
  const call = () => rescheduleForDowntime(year.center, live, year.courses, downtime, now, notStarted);
  // Only the first downtime meets a cold process; the second's "cold" is its first call.
  if (i === 0) clearLaneTemplateCache();
  const cold = timed(call);
  const warm = Array.from({ length: runs }, () => timed(call));
  const { moves, unschedulable, interrupted } = cold.value;
  // A course started a day later to make room shows as a move of its own first fraction.
  const hit = moves.filter((m) => !m.reason.includes('starts a day later'));
  results.push({
    downtime: name,
    outcome: {
      hitFractions: hit.length,
      moved: hit.filter((m) => m.to).length,
      cancelled: hit.filter((m) => !m.to).length,
      coursesStartedADayLater: moves.length - hit.length,
      unschedulable: unschedulable.length,
      interrupted: interrupted.length,
    },
    coldMs: { cpu: cold.cpuMs, wall: cold.wallMs },
    warmBestOfMs: { runs, cpu: Math.min(...warm.map((w) => w.cpuMs)), wall: Math.min(...warm.map((w) => w.wallMs)) },
  });
}
console.log(JSON.stringify({ bookings: year.bookings.length, courses: year.courses.length, results }, null, 2));
