/**
 * Offline planner (SPEC §8): npm run plan -- scenario.json [--out plan.json] [--no-early-starts]
 * Allocates the scenario's courses in arrival order with the pure core and prints a summary.
 * Like the live service, it offers places still free two days ahead to the routine course booked
 * next in them (early-start.ts); --no-early-starts plans strictly each course once.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runScenario } from '../scheduling';
import { readScenario } from './read-scenario';

function main(argv: string[]): number {
  const args = argv.slice(2);
  const outIdx = args.indexOf('--out');
  const out = outIdx >= 0 ? args[outIdx + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1));
  if (!file || (outIdx >= 0 && !out)) {
    process.stderr.write('usage: npm run plan -- <scenario.json> [--out plan.json] [--no-early-starts]\n');
    return 2;
  }
  const read = readScenario(file);
  if ('error' in read) {
    process.stderr.write(`${read.error}\n`);
    return 2;
  }
  const { scenario } = read;
  const { plan, earlyStarts, timings } = runScenario(scenario, args.includes('--no-early-starts') ? { earlyStarts: false } : {}, () => performance.now());
  const allocationMs = (timings ?? []).reduce((sum, t) => sum + t, 0);
  const m = plan.metrics;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Scenario ${file}: ${m.courses} courses, horizon ${scenario.horizon.from} .. ${scenario.horizon.to}`,
    `Scheduled ${m.scheduled}, unscheduled ${plan.unscheduled.length}, late starts ${m.lateStarts}; ${earlyStarts} started earlier as places came free`,
    `Utilization ${pct(m.utilization)} of open room time (beam line ${pct(m.beamUtilization)})`,
    `Wait to first fraction (days): p50 ${m.waitDays.p50}, p90 ${m.waitDays.p90}, max ${m.waitDays.max}`,
    `Time-of-day spread (min): p50 ${m.timeOfDaySpreadMinutes.p50}, p90 ${m.timeOfDaySpreadMinutes.p90}; ` +
      `fractions more than 30 min off their course's time: ${(m.offTimeOfDayShare * 100).toFixed(1)} %`,
    ...(['EMERGENCY', 'URGENT', 'ROUTINE'] as const).map((u) => `On time ${u.padEnd(9)} ${m.onTimeByUrgency[u].onTime}/${m.onTimeByUrgency[u].courses}`),
    // Timed in this fresh process: day templates searched and code not yet warmed up, as a coordinator runs it.
    `Allocated ${m.courses} courses in ${Math.round(allocationMs)} ms`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (out) {
    writeFileSync(out, JSON.stringify(plan, null, 2) + '\n');
    process.stdout.write(`Plan written to ${out}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv);
