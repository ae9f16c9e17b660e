/**
 * npm run bench:forecast-cpu — CPU seconds per run-week of the forecast core on one thread
 * (process.cpuUsage of the process, its GC and compiler threads included, so other load on a shared machine distorts it far less than wall time), on
 * the same input as bench:forecast (demo center, default mix at --rate a year, from an empty
 * center). With --out file the forecast's JSON is written there, to check that a speed change
 * leaves the result byte-identical. Prints JSON.
 * Options: --runs 4 --weeks 52 --seed 7 --rate 800 --out path
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runForecast } from '../src/scheduling';
import { demoForecastInput } from './demo-forecast-input';
import { numberArg } from './cli-args';

/**
 * CPU seconds of the main thread alone (Linux: /proc/self/task/<pid>/stat, in clock ticks of 1/100 s),
 * without the GC and compiler threads that process.cpuUsage adds; null elsewhere.
 */
function mainThreadCpuSeconds(): number | null {
  const path = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(path)) return null;
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const runs = numberArg('runs', 4);
  const weeks = numberArg('weeks', 52);
  const seed = numberArg('seed', 7);
  const rate = numberArg('rate', 800);
  const outAt = process.argv.indexOf('--out');
  const out = outAt >= 0 ? process.argv[outAt + 1] : undefined;
  const mainBefore = mainThreadCpuSeconds();
  const before = process.cpuUsage();
  const t0 = performance.now();
  const result = await runForecast(demoForecastInput(runs, weeks, seed, rate));
  const used = process.cpuUsage(before);
  const wallSeconds = (performance.now() - t0) / 1000;
  const mainAfter = mainThreadCpuSeconds();
  const mainThread = mainBefore === null || mainAfter === null ? null : mainAfter - mainBefore;
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (out) writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  process.stdout.write(
    JSON.stringify(
      {
        bench: 'forecast-cpu',
        runs,
        weeks,
        seed,
        demandPerYear: rate,
        cpuSeconds: round(cpuSeconds, 2),
        wallSeconds: round(wallSeconds, 2),
        cpuSecondsPerRun: round(cpuSeconds / runs, 3),
        cpuMsPerRunWeek: round((cpuSeconds * 1000) / (runs * weeks), 2),
        mainThreadCpuSeconds: mainThread === null ? null : round(mainThread, 2),
        mainThreadMsPerRunWeek: mainThread === null ? null : round((mainThread * 1000) / (runs * weeks), 2),
        loadAverage: loadavg().map((x) => round(x, 2)),
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
