/**
 * Scenario generator: npm run scenario -- --courses 800 --year 2027 --seed 1 [--out file]
 * Writes a realistic year of arrivals for the demo center (same seed, same file).
 */
import { writeFileSync } from 'node:fs';
import { generateScenario } from '../scheduling';

function arg(args: string[], name: string, fallback?: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

function main(argv: string[]): number {
  const args = argv.slice(2);
  const courses = Number(arg(args, 'courses', '800'));
  const year = Number(arg(args, 'year', '2027'));
  const seed = Number(arg(args, 'seed', '1'));
  const out = arg(args, 'out');
  if (!Number.isInteger(courses) || courses < 1 || !Number.isInteger(year) || !Number.isInteger(seed)) {
    process.stderr.write('usage: npm run scenario -- --courses 800 --year 2027 --seed 1 [--out file]\n');
    return 2;
  }
  const scenario = generateScenario({ courses, year, seed, timeZone: arg(args, 'tz', 'Asia/Almaty') });
  const json = JSON.stringify(scenario, null, 2) + '\n';
  if (out) {
    writeFileSync(out, json);
    process.stderr.write(`${courses} courses for ${year} (seed ${seed}) written to ${out}\n`);
  } else process.stdout.write(json);
  return 0;
}

process.exitCode = main(process.argv);
