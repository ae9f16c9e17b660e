import cluster, { Worker } from 'node:cluster';
import pino from 'pino';

/** How soon a crashed API process is replaced; a process that keeps crashing is not restarted in a hot loop. */
const RESTART_DELAY_MS = 1_000;
/** A process that takes longer than this to drain on shutdown is killed. */
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * The primary of `API_PROCESSES` > 1: forks that many api processes, which share the listening
 * port (node:cluster hands connections round-robin), replaces one that dies, and on SIGTERM/SIGINT
 * passes the signal on and exits when every process has drained. It runs no Nest app itself: the
 * API is stateless across processes (sessions are JWTs, caches are checked against the database).
 */
export function runApiCluster(processes: number, logLevel: string): void {
  const log = pino({ level: logLevel, base: { pid: process.pid, role: 'api-primary' } });
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ workerPid: worker.process.pid, code, signal }, 'an API process died; starting another');
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, RESTART_DELAY_MS).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping the API processes');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w.process.kill(signal);
    setTimeout(() => {
      log.error('API processes did not stop in time; killing them');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop).on('SIGINT', stop);
  log.info({ processes }, `Beamtime API: ${processes} processes`);
}

/** True in the process that should fork the API processes rather than serve. */
export function isApiClusterPrimary(role: string, processes: number): boolean {
  return role === 'api' && processes > 1 && cluster.isPrimary;
}
