/**
 * npm-less helper: ts-node bench/tune-reservation.ts — sweeps the dynamic-reservation parameters
 * on the generated year (several seeds) and prints one JSON line per setting: steady-state
 * room-time utilization and on-time shares. This is how DEFAULT_RESERVATION was chosen.
 * Env lists: SEEDS, SHARES, MINS, FULLS, EMERGENCIES, RELEASES (routine release point, days),
 * SLOTS=0 to hold the emergency reserve as the EMERGENCIES share instead of concrete slots;
 * or POLICY (one JSON policy); DISPLACE (a JSON DisplacementPolicy, e.g. {"noticeDays":1,"maxCourses":12},
 * or false) for how EMERGENCY courses may move not-started routine ones. Single-seed differences below ~0.5 pt utilization or a few
 * on-time courses are noise: one course placed differently reshapes the rest of the year,
 * so compare settings on several seeds (SEEDS=1,2,3 at least).
 */
import {
  generateScenario,
  scenarioCourses,
  scenarioToCenter,
  createPlanner,
  DEFAULT_RESERVATION,
  ReservationPolicy,
  planMetrics,
  Booking,
} from '../src/scheduling';

const seeds = (process.env.SEEDS ?? '1').split(',').map(Number);
const grid: ReservationPolicy[] = [];
const list = (name: string, fallback: number[]) => (process.env[name] ? process.env[name]!.split(',').map(Number) : fallback);
for (const share of list('SHARES', [0.2, 0.25, 0.3]))
  for (const minShare of list('MINS', [0.04, 0.08]))
    for (const fullDays of list('FULLS', [30, 50]))
      for (const emergency of list('EMERGENCIES', [0.03, 0.05]))
        for (const releaseDays of list('RELEASES', [2]))
          grid.push({
            enabled: true,
            ROUTINE: { share, minShare, releaseDays, fullDays },
            URGENT: { share: emergency, minShare: emergency, releaseDays: 0, fullDays: 1 },
            // SLOTS=0: the emergency reserve as a share of free minutes (EMERGENCIES) instead of slots.
            ...(process.env.SLOTS === '0' ? {} : { emergencySlots: DEFAULT_RESERVATION.emergencySlots }),
          });
if (process.env.POLICY) grid.splice(0, grid.length, JSON.parse(process.env.POLICY));

for (const policy of grid) {
  const acc = { util: 0, e: 0, u: 0, started: 0 };
  for (const seed of seeds) {
    const s = generateScenario({ courses: 800, year: 2027, seed });
    const center = scenarioToCenter(s);
    const courses = scenarioCourses(s, center);
    const planner = createPlanner(center, [], { reservation: policy, ...(process.env.DISPLACE ? { displacement: JSON.parse(process.env.DISPLACE) } : {}) });
    const booked: Booking[] = [];
    for (const c of courses) {
      planner.allocate(c, { now: c.arrival, lastStartDate: s.horizon.to });
    }
    booked.push(...planner.bookings());
    const m = planMetrics(center, courses, booked, { from: '2027-03-01', to: '2027-12-31' });
    acc.util += m.utilization / seeds.length;
    acc.e += m.onTimeByUrgency.EMERGENCY.onTime / m.onTimeByUrgency.EMERGENCY.courses / seeds.length;
    acc.u += m.onTimeByUrgency.URGENT.onTime / m.onTimeByUrgency.URGENT.courses / seeds.length;
    acc.started += m.scheduled / seeds.length;
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  process.stdout.write(
    JSON.stringify({
      routine: policy.ROUTINE,
      emergency: policy.URGENT.share,
      utilization: r3(acc.util),
      emergencyOnTime: r3(acc.e),
      urgentOnTime: r3(acc.u),
      started: acc.started,
    }) + '\n',
  );
}
