/**
 * npm run bench:shifts — bounded time shifts (issue #20 part 3) on the 800-course demo year:
 * for each seed, the allocator as it is (full emergency reserve, no shifts) against shifts with
 * the reserve cut to what shifting cannot replace (a child's places under anesthesia), and the
 * frontier over the shift window (±30/60/90 min) and shifts per patient per week (1/2). Prints
 * utilization (Mar–Dec room time), on-time starts by urgency, violations, shifts per shifted
 * course (p90), time-of-day spread p90 and planner speed. Options: --from S --to S (seeds,
 * default 1–6) --frontier 0|1 (default 1: only on the first seed) --courses N --variants a,b (keys
 * of VARIANTS, default all: each plan of the year takes seconds of CPU).
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

const EMERGENCY_ONLY: ShiftPolicy = { ...DEFAULT_SHIFT_POLICY, urgent: false };
const URGENT_TOO: ShiftPolicy = { ...DEFAULT_SHIFT_POLICY, urgent: true };

/** The configurations compared, by the key --variants names them with. */
const VARIANTS: Record<string, { name: string; reservation: ReservationPolicy; shifts: ShiftPolicy | false }> = {
  none: { name: 'full reserve, no shifts', reservation: DEFAULT_RESERVATION, shifts: false },
  'shift-reserve': {
    name: 'shifts ±60, 1/week, reserve: standard + anesthesia places, EMERGENCY shifts only',
    reservation: SHIFT_RESERVATION,
    shifts: EMERGENCY_ONLY,
  },
  'shift-reserve-urgent': {
    name: 'shifts ±60, 1/week, reserve: standard + anesthesia places, URGENT shifts too',
    reservation: SHIFT_RESERVATION,
    shifts: URGENT_TOO,
  },
  'anesthesia-only': { name: 'shifts ±60, 1/week, reserve: anesthesia places only, URGENT shifts too', reservation: ANESTHESIA_ONLY, shifts: URGENT_TOO },
  full: { name: 'shifts ±60, 1/week, full reserve, EMERGENCY shifts only', reservation: DEFAULT_RESERVATION, shifts: EMERGENCY_ONLY },
  'full-urgent': { name: 'shifts ±60, 1/week, full reserve, URGENT shifts too', reservation: DEFAULT_RESERVATION, shifts: URGENT_TOO },
};

function variantsArg(): string[] {
  const i = process.argv.indexOf('--variants');
  if (i < 0) return Object.keys(VARIANTS);
  const keys = process.argv[i + 1].split(',');
  for (const k of keys) if (!VARIANTS[k]) throw new Error(`unknown variant ${k}; one of ${Object.keys(VARIANTS).join(', ')}`);
  return keys;
}

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
  const keys = variantsArg();
  const rows: Array<ReturnType<typeof variant>> = [];
  for (let seed = from; seed <= to; seed++) {
    // One run each: speed is bench:core's (the machine is shared), these are outcomes.
    for (const k of keys) rows.push(variant(seed, courses, VARIANTS[k].name, VARIANTS[k].reservation, VARIANTS[k].shifts, 1));
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
