import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_REDIS_URL } from './test-env';
import type { TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');

/**
 * The real worker entry point (`src/main.ts --role=worker`) as a child process on a test app's database
 * and queues. With `onOutput`, its stdout and stderr go there (set LOG_LEVEL in `env` to see its log).
 */
export function startWorkerProcess(t: TestApp, env: Record<string, string> = {}, onOutput?: (text: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts', '--role=worker'], {
    cwd: ROOT,
    stdio: onOutput ? ['ignore', 'pipe', 'pipe'] : 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.queuePrefix,
      LOG_LEVEL: 'silent',
      RECONCILER_ENABLED: 'false',
      EARLY_STARTS_ENABLED: 'false',
      COMPACTION_ENABLED: 'false',
      JWT_SECRET: 'test-secret-which-is-long-enough',
      ...env,
    },
  });
  child.stdout?.on('data', (d: Buffer) => onOutput?.(d.toString()));
  child.stderr?.on('data', (d: Buffer) => onOutput?.(d.toString()));
  return child;
}

/** SIGKILLs a worker child (if still running) and waits until it has exited, so none outlives its test file. */
export async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
