/**
 * ts-node bench/downtime-outcomes.ts > out.json — every outcome rescheduleForDowntime gives on the
 * booked year, in full (each move's new room and start, each cancellation, each reason), for the
 * timed downtimes of reschedule-downtime.ts and the 60 of downtime-drops.ts, each with and without
 * the not-started courses. A change meant to make it faster must leave this output byte-identical (cmp).
 */
import { rescheduleForDowntime, DowntimeSpec } from '../src/scheduling';
import { bookedYear, declaredAt, randomDowntimes } from './booked-year';
import { TIMED_DOWNTIMES } from './reschedule-downtime-cases';

const year = bookedYear();
const cases: Array<{ downtime: DowntimeSpec; now: string }> = [...TIMED_DOWNTIMES, ...randomDowntimes(year.center)];
for (const { downtime, now } of cases) {
  const { live, notStarted } = declaredAt(year, now);
  for (const withNotStarted of [false, true]) {
    const r = rescheduleForDowntime(year.center, live, year.courses, downtime, now, withNotStarted ? notStarted : []);
    console.log(JSON.stringify({ downtime, now, withNotStarted, ...r }));
  }
}
