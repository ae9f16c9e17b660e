/**
 * ts-node bench/downtime-drops.ts — how many hit fractions a downtime has to cancel on a busy center.
 * Plans the generated 800-course 2027 year (seed 1), then throws 60 random downtimes at it (a room
 * or the beam line, 2 to 40 hours, March to November, declared two hours ahead; what lies before
 * that counts as delivered) and reschedules each with and without letting a routine course that has
 * not started begin a day later. Prints one JSON line.
 */
import { generateScenario, scenarioCourses, scenarioToCenter, createPlanner, rescheduleForDowntime } from '../src/scheduling';
const s = generateScenario({ courses: 800, year: 2027, seed: 1 });
const center = scenarioToCenter(s);
const courses = scenarioCourses(s, center);
const planner = createPlanner(center, []);
for (const c of courses) planner.allocate(c, { now: c.arrival, lastStartDate: s.horizon.to });
const bookings = planner.bookings();
// Courses not started by `now` (first booking after it): the routine ones may start a day later.
const first = new Map<string, number>();
for (const b of bookings) first.set(b.courseId, Math.min(first.get(b.courseId) ?? Infinity, Date.parse(b.start)));
let rng = 7; const rand = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
const acc = { downtimes: 0, hitFractions: 0, cancelledWithout: 0, cancelledWith: 0, coursesStartedADayLater: 0 };
for (let i = 0; i < 60; i++) {
  const dayOff = Math.floor(rand() * 200) + 60; // Mar..Nov
  const start = new Date(Date.UTC(2027, 0, 1) + dayOff * 86400000 + (2 + Math.floor(rand() * 12)) * 3600000);
  const hours = [2, 6, 16, 40][Math.floor(rand() * 4)];
  const end = new Date(start.getTime() + hours * 3600000);
  const roomId = rand() < 0.5 ? null : center.rooms[Math.floor(rand() * 3)].id;
  const now = new Date(start.getTime() - 2 * 3600000).toISOString();
  const dt = { roomId, start: start.toISOString(), end: end.toISOString() };
  const notStarted = courses.filter((c) => c.urgency !== 'EMERGENCY' && (first.get(c.id) ?? 0) > Date.parse(now));
  const live = bookings.map((b) => (Date.parse(b.start) < Date.parse(now) ? { ...b, status: 'DELIVERED' as const } : b));
  const a = rescheduleForDowntime(center, live, courses, dt, now);
  const b = rescheduleForDowntime(center, live, courses, dt, now, notStarted);
  acc.downtimes++;
  acc.hitFractions += a.moves.length;
  acc.cancelledWithout += a.moves.filter((m) => !m.to).length;
  acc.cancelledWith += b.moves.filter((m) => !m.to).length;
  acc.coursesStartedADayLater += b.moves.filter((m) => m.reason.includes('starts a day later')).length;
}
console.log(JSON.stringify(acc));
