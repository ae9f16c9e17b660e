/** SPEC §8 offline planner: courses in arrival order, each seeing only earlier bookings. */
import { CourseRequest, Plan, PlanAppointment, Scenario } from '../types';
import { createPlanner, PlannerOptions } from '../allocation/planner';
import { planMetrics } from '../metrics/plan-metrics';
import { scenarioCourses, scenarioToCenter } from './scenario-center';

export { scenarioToCenter, scenarioCourses } from './scenario-center';

export interface PlanRun {
  plan: Plan;
  courses: CourseRequest[];
  /** Courses started earlier than first booked, as places came free. */
  earlyStarts: number;
  /** Milliseconds per course, in arrival order (only when timing was asked for). */
  timings?: number[];
}

/** `clock` is injected (bench only) so the core never reads time itself. */
export function runScenario(s: Scenario, options: PlannerOptions = {}, clock?: () => number): PlanRun {
  const center = scenarioToCenter(s);
  const courses = scenarioCourses(s, center);
  const planner = createPlanner(center, [], options);
  const unscheduled: Plan['unscheduled'] = [];
  const timings: number[] = [];
  for (const c of courses) {
    const t0 = clock?.() ?? 0;
    const r = planner.allocate(c, { now: c.arrival, lastStartDate: s.horizon.to });
    if (clock) timings.push(clock() - t0);
    if (r.status !== 'SCHEDULED') unscheduled.push({ courseId: c.id, reason: r.reason });
  }
  // Read back at the end: an emergency may have moved courses placed before it.
  const order = new Map(courses.map((c, i) => [c.id, i]));
  const appointments: PlanAppointment[] = planner
    .bookings()
    .sort((a, b) => order.get(a.courseId)! - order.get(b.courseId)! || a.fraction - b.fraction)
    .map((a) => ({ courseId: a.courseId, fraction: a.fraction, roomId: a.roomId, start: a.start, end: a.end }));
  const metrics = planMetrics(center, courses, appointments, s.horizon);
  return { plan: { appointments, unscheduled, metrics }, courses, earlyStarts: planner.earlier.length, ...(clock ? { timings } : {}) };
}

export function planScenario(s: Scenario, options: PlannerOptions = {}): Plan {
  return runScenario(s, options).plan;
}
