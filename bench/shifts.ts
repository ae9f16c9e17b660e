/**
 * npm run bench:shifts — bounded time shifts (issue #20 part 3) on the 800-course demo year:
 * for each seed, the allocator as it is (full emergency reserve, no shifts) against shifts with
 * the reserve cut to what shifting cannot replace (a child's places under anesthesia), and the
 * frontier over the shift window (±30/60/90 min) and shifts per patient per week (1/2). Prints
 * utilization (Mar–Dec room time), on-time starts by urgency, violations, shifts per shifted
 * course (p90), time-of-day spread p90 and planner speed. Options: --from S --to S (seeds,
 * default 1–6) --frontier 0|1 (default 1: only on the first seed) --courses N.
 */
import {
  createPlanner,
  DEFAULT_RESERVATION,
  DEFAULT_SHIFT_POLICY,
  generateScenario,
  percentile,
  Planner,
  ReservationPolicy,
  scenarioCourses,
  scenarioToCenter,
  ShiftPolicy,
  SHIFT_RESERVATION,
} from '../src/scheduling';
import { numberArg } from './cli-args';
import { run } from './core';

/**
 * Shifting cannot replace the standard place either for an emergency submitted after the cut-off
 * and due tomorrow (tomorrow can no longer be shifted): measured here against SHIFT_RESERVATION.
 */
const ANESTHESIA_ONLY: ReservationPolicy = { ...DEFAULT_RESERVATION, emergencySlots: { adult: 0, child: 0, anesthesia: 2 } };

function variant(seed: number, courses: number, name: string, reservation: ReservationPolicy, shifts: ShiftPolicy | false, reps: number) {
  const scenario = generateScenario({ courses, year: 2027, seed, patientWindowsShare: 0.1 });
  const center = scenarioToCenter(scenario);
  const list = scenarioCourses(scenario, center);
  let first: Planner | null = null;
  const r = run(
    name,
    scenario,
    center,
    list,
    () => {
      const p = createPlanner(center, [], { reservation, shifts });
      first ??= p;
      return p;
    },
    reps,
  );
  const perCourse = new Map<string, number>();
  for (const s of (first as Planner | null)?.shifted ?? []) perCourse.set(s.patientKey, (perCourse.get(s.patientKey) ?? 0) + 1);
  const counts = [...perCourse.values()];
  return {
    name,
    seed,
    utilization: r.steadyStateUtilization.roomTime,
    emergencyOnTime: r.onTimeByUrgency.EMERGENCY,
    urgentOnTime: r.onTimeByUrgency.URGENT,
    hardRuleViolations: r.hardRuleViolations,
    shifts: r.shifts,
    shiftedCourses: counts.length,
    shiftsPerShiftedCourseP90: counts.length ? percentile(counts, 90) : 0,
    timeOfDaySpreadP90: r.timeOfDaySpreadMinutes.p90,
    wallMs: r.wallMs,
    perCourseMsP99: r.perCourseMs.p99,
  };
}

function main(): void {
  const from = numberArg('from', 1);
  const to = numberArg('to', 6);
  const courses = numberArg('courses', 800);
  const frontier = numberArg('frontier', 1) === 1;
  const rows: Array<ReturnType<typeof variant>> = [];
  for (let seed = from; seed <= to; seed++) {
    // Timing is taken over 3 runs on the main variant only (the machine is shared).
    rows.push(variant(seed, courses, 'today (full reserve, no shifts)', DEFAULT_RESERVATION, false, 1));
    rows.push(
      variant(seed, courses, 'shifts ±60, 1/week, reserve: standard + anesthesia places', SHIFT_RESERVATION, DEFAULT_SHIFT_POLICY, seed === from ? 3 : 1),
    );
    rows.push(variant(seed, courses, 'shifts ±60, 1/week, reserve: anesthesia places only', ANESTHESIA_ONLY, DEFAULT_SHIFT_POLICY, 1));
    rows.push(variant(seed, courses, 'shifts ±60, 1/week, full reserve', DEFAULT_RESERVATION, DEFAULT_SHIFT_POLICY, 1));
    rows.push(variant(seed, courses, 'shifts ±60, 1/week, full reserve, URGENT shifts too', DEFAULT_RESERVATION, { ...DEFAULT_SHIFT_POLICY, urgent: true }, 1));
  }
  const frontierRows: Array<ReturnType<typeof variant>> = [];
  if (frontier) {
    for (const windowMinutes of [30, 60, 90]) {
      for (const perPatientPerWeek of [1, 2]) {
        const policy = { ...DEFAULT_SHIFT_POLICY, windowMinutes, perPatientPerWeek };
        frontierRows.push(variant(from, courses, `shifts ±${windowMinutes}, ${perPatientPerWeek}/week`, SHIFT_RESERVATION, policy, 1));
      }
    }
  }
  const mean = (name: string) => {
    const rs = rows.filter((r) => r.name === name);
    const sum = (f: (r: (typeof rs)[number]) => number) => rs.reduce((a, r) => a + f(r), 0);
    return {
      name,
      seeds: `${from}-${to}`,
      meanUtilization: Math.round((sum((r) => r.utilization) / rs.length) * 10000) / 10000,
      emergencyOnTime: `${sum((r) => r.emergencyOnTime.onTime)}/${sum((r) => r.emergencyOnTime.courses)}`,
      urgentOnTimeShare:
        Math.round(
          (sum((r) => r.urgentOnTime.onTime) /
            Math.max(
              1,
              sum((r) => r.urgentOnTime.courses),
            )) *
            1000,
        ) / 1000,
      worstUrgentSeed: Math.min(...rs.map((r) => r.urgentOnTime.share)),
      hardRuleViolations: sum((r) => r.hardRuleViolations),
      shifts: sum((r) => r.shifts),
      shiftsPerShiftedCourseP90Max: Math.max(...rs.map((r) => r.shiftsPerShiftedCourseP90)),
      timeOfDaySpreadP90Max: Math.max(...rs.map((r) => r.timeOfDaySpreadP90)),
    };
  };
  const summary = [...new Set(rows.map((r) => r.name))].map(mean);
  process.stdout.write(JSON.stringify({ summary, perSeed: rows, frontier: frontierRows }, null, 2) + '\n');
}

if (require.main === module) main();
