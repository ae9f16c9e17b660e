/**
 * npm run bench:backup — how long `npm run backup` and `npm run restore` take on the demo data
 * (issue #24 item 9): a scratch database gets the demo seed (`npm run seed:demo`), a worker process
 * books every demo course, then the backup goes to a file and is restored into a second scratch
 * database, whose invariants are checked and whose table counts must equal the source's. The times
 * are the CLIs' own (one process each, ts-node start-up included, as an operator runs them), and
 * the pg_dump/pg_restore parts as the CLIs report them. Prints JSON (ms, bytes, rows). Both scratch
 * databases and the queue keys are dropped afterwards. Options: --runs N (3).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { tableCounts } from '../src/database/backup';
import { dropDatabase } from '../src/database/database-admin';
import { checkInvariants } from '../src/database/invariants';
import { dropQueueKeys } from '../src/queue/drop-queue-keys';
import { numberArg } from './cli-args';

const PG_BASE = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number((process.hrtime.bigint() - started) / 1_000_000n), value };
}

async function queuedCourses(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM courses WHERE status = 'QUEUED'`)).rows[0].n;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const runs = numberArg('runs', 3);
  const id = randomBytes(4).toString('hex');
  const source = `beamtime_bench_backup_${id}`;
  const sourceUrl = `${PG_BASE}/${source}`;
  const prefix = `bench-backup-${id}`;
  const env = { ...process.env, DATABASE_URL: sourceUrl, REDIS_URL, QUEUE_PREFIX: prefix, NODE_ENV: 'demo', LOG_LEVEL: 'warn', EARLY_STARTS_ENABLED: 'false' };
  const dir = mkdtempSync(join(tmpdir(), 'beamtime-bench-backup-'));
  const restored: string[] = [];
  let worker: ChildProcess | undefined;
  try {
    const seed = await timed(() => run('npm', ['run', '-s', 'seed:demo'], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }));
    worker = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts', '--role=worker'], { cwd: ROOT, env, stdio: 'ignore' });
    const booking = await timed(async () => {
      for (const deadline = Date.now() + 600_000; (await queuedCourses(sourceUrl)) > 0; await new Promise((r) => setTimeout(r, 500))) {
        if (Date.now() > deadline) throw new Error('the demo courses were not all booked within 10 minutes');
      }
    });
    worker.kill('SIGTERM');
    const counts = await tableCounts(sourceUrl);

    const file = join(dir, 'demo.dump');
    const backups: number[] = [];
    const restores: number[] = [];
    const dumpMs: number[] = [];
    const restoreToolMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const backup = await timed(() => run('npm', ['run', '-s', 'backup', '--', file], { cwd: ROOT, env }));
      backups.push(backup.ms);
      dumpMs.push(Number(/in (\d+) ms/.exec(backup.value.stderr)?.[1]));
      const target = `beamtime_bench_restored_${id}_${i}`;
      restored.push(target);
      const restore = await timed(() => run('npm', ['run', '-s', 'restore', '--', file, target], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 }));
      restores.push(restore.ms);
      restoreToolMs.push(Number(/in (\d+) ms/.exec(restore.value.stdout)?.[1]));
    }
    const copyUrl = `${PG_BASE}/${restored[0]}`;
    const copyCounts = await tableCounts(copyUrl);
    const mismatched = Object.keys(counts).filter((t) => counts[t] !== copyCounts[t]);
    const invariants = await checkInvariants(copyUrl);
    console.log(
      JSON.stringify(
        {
          demo: {
            seedMs: seed.ms,
            bookingMs: booking.ms,
            rows: Object.values(counts).reduce((a, b) => a + b, 0),
            appointments: counts.appointments,
            courses: counts.courses,
            auditLog: counts.audit_log,
          },
          dumpBytes: statSync(file).size,
          runs,
          backup: { cliMedianMs: median(backups), pgDumpMedianMs: median(dumpMs), cliMs: backups },
          restore: { cliMedianMs: median(restores), pgRestoreMedianMs: median(restoreToolMs), cliMs: restores },
          tablesWithOtherCounts: mismatched,
          invariantProblems: invariants.problems,
        },
        null,
        2,
      ),
    );
    if (mismatched.length || invariants.problems.length) process.exitCode = 1;
  } finally {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    for (const name of [source, ...restored]) await dropDatabase(`${PG_BASE}/${name}`);
    await dropQueueKeys(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
