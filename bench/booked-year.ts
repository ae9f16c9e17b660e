/**
 * The booked year the downtime benches reschedule: the generated 800-course 2027 year (seed 1)
 * planned course by course on arrival, as the service would have booked it.
 */
import {
  generateScenario,
  scenarioCourses,
  scenarioToCenter,
  createPlanner,
  Booking,
  CenterConfig,
  CourseRequest,
  DowntimeSpec,
  Scenario,
} from '../src/scheduling';

export interface BookedYear {
  scenario: Scenario;
  center: CenterConfig;
  courses: CourseRequest[];
  bookings: Booking[];
  /** Each course's first booked start (epoch ms): a course whose first is after `now` has not started. */
  first: Map<string, number>;
}

export function bookedYear(): BookedYear {
  const scenario = generateScenario({ courses: 800, year: 2027, seed: 1 });
  const center = scenarioToCenter(scenario);
  const courses = scenarioCourses(scenario, center);
  const planner = createPlanner(center, []);
  for (const c of courses) planner.allocate(c, { now: c.arrival, lastStartDate: scenario.horizon.to });
  const bookings = planner.bookings();
  const first = new Map<string, number>();
  for (const b of bookings) first.set(b.courseId, Math.min(first.get(b.courseId) ?? Infinity, Date.parse(b.start)));
  return { scenario, center, courses, bookings, first };
}

/**
 * What the service hands the rescheduler for a downtime declared at `now`: what began before it
 * counts as delivered, and the routine and urgent courses not started yet may start a day later.
 */
export function declaredAt(year: BookedYear, now: string): { live: Booking[]; notStarted: CourseRequest[] } {
  const nowMs = Date.parse(now);
  const notStarted = year.courses.filter((c) => c.urgency !== 'EMERGENCY' && (year.first.get(c.id) ?? 0) > nowMs);
  const live = year.bookings.map((b) => (Date.parse(b.start) < nowMs ? { ...b, status: 'DELIVERED' as const } : b));
  return { live, notStarted };
}

/** The 60 random downtimes of downtime-drops.ts (a room or the beam line, 2 to 40 hours, March to November, declared two hours ahead). */
export function randomDowntimes(center: CenterConfig): Array<{ downtime: DowntimeSpec; now: string }> {
  let rng = 7;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Array<{ downtime: DowntimeSpec; now: string }> = [];
  for (let i = 0; i < 60; i++) {
    const dayOff = Math.floor(rand() * 200) + 60; // Mar..Nov
    const start = new Date(Date.UTC(2027, 0, 1) + dayOff * 86400000 + (2 + Math.floor(rand() * 12)) * 3600000);
    const hours = [2, 6, 16, 40][Math.floor(rand() * 4)];
    const end = new Date(start.getTime() + hours * 3600000);
    const roomId = rand() < 0.5 ? null : center.rooms[Math.floor(rand() * 3)].id;
    const now = new Date(start.getTime() - 2 * 3600000).toISOString();
    out.push({ downtime: { roomId, start: start.toISOString(), end: end.toISOString() }, now });
  }
  return out;
}
