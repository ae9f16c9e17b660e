/**
 * ts-node bench/downtime-drops.ts — how many hit fractions a downtime has to cancel on a busy center.
 * Plans the generated 800-course 2027 year (seed 1), then throws 60 random downtimes at it (a room
 * or the beam line, 2 to 40 hours, March to November, declared two hours ahead; what lies before
 * that counts as delivered) and reschedules each with and without letting a routine course that has
 * not started begin a day later. Prints one JSON line.
 */
import { rescheduleForDowntime } from '../src/scheduling';
import { bookedYear, declaredAt, randomDowntimes } from './booked-year';

const year = bookedYear();
const { center, courses } = year;
const acc = { downtimes: 0, hitFractions: 0, cancelledWithout: 0, cancelledWith: 0, coursesStartedADayLater: 0 };
for (const { downtime: dt, now } of randomDowntimes(center)) {
  const { live, notStarted } = declaredAt(year, now);
  const a = rescheduleForDowntime(center, live, courses, dt, now);
  const b = rescheduleForDowntime(center, live, courses, dt, now, notStarted);
  acc.downtimes++;
  acc.hitFractions += a.moves.length;
  acc.cancelledWithout += a.moves.filter((m) => !m.to).length;
  acc.cancelledWith += b.moves.filter((m) => !m.to).length;
  acc.coursesStartedADayLater += b.moves.filter((m) => m.reason.includes('starts a day later')).length;
}
console.log(JSON.stringify(acc));
