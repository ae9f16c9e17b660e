import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dropQueueKeys } from '../../src/queue/drop-queue-keys';
import { createTestDatabase, TestDatabase, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/test-env';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The compiled build the user starts; rebuilt only when src changed since the last build. */
function ensureBuild(): void {
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  const run = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`npm run build failed: ${run.stderr || run.stdout}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether any process of this process group is still alive (signal 0 only checks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('production start: `npm start` runs the compiled build and stops on SIGTERM', () => {
  let db: TestDatabase;
  const prefix = uniqueQueuePrefix();
  const started: ChildProcess[] = [];

  const startEnv = (port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    LOG_LEVEL: 'info',
    RECONCILER_ENABLED: 'false',
    EARLY_STARTS_ENABLED: 'false',
    JWT_SECRET: 'test-secret-which-is-long-enough',
    ...extra,
  });

  beforeAll(async () => {
    ensureBuild();
    db = await createTestDatabase();
  }, 300_000);

  afterAll(async () => {
    // The test failed half-way: nothing it started may outlive it.
    for (const c of started) if (c.pid && groupAlive(c.pid)) process.kill(-c.pid, 'SIGKILL');
    await dropQueueKeys(TEST_REDIS_URL, prefix);
    await db.drop();
  });

  it.each([
    ['npm start', ['start'], true],
    ['npm run start:worker', ['run', 'start:worker'], false],
  ])(
    '%s: SIGTERM to the process the user started ends every process within 10 s',
    async (_name, args, serves) => {
      const port = await freePort();
      const output: string[] = [];
      // Its own process group, so "everything it started has exited" is one check on the group.
      const child = spawn('npm', args, {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: startEnv(port),
      });
      started.push(child);
      child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      const pgid = child.pid!;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

      // Started: the API answers, or the worker says so.
      await waitUntil(
        'the process to start',
        async () => {
          if (child.exitCode !== null) throw new Error(`exited early: ${output.join('')}`);
          if (!serves) return output.join('').includes('Beamtime worker started');
          return fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
            (r) => r.ok,
            () => false,
          );
        },
        60_000,
      );
      // The process npm started is node itself (`exec`), running the compiled entry point, not ts-node.
      const tree = spawnSync('ps', ['-o', 'args=', '-g', String(pgid)], { encoding: 'utf8' }).stdout;
      expect(tree).toMatch(/node dist\/main\.js/);
      expect(tree).not.toMatch(/ts-node/);

      child.kill('SIGTERM');
      await waitUntil('every process of the group to exit within 10 s', () => !groupAlive(pgid), 10_000);
      await exited;
      expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
    },
    120_000,
  );

  it('API_PROCESSES=2: two API processes share the port, a killed one is replaced, SIGTERM stops them all', async () => {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn('npm', ['run', 'start:api'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: startEnv(port, { API_PROCESSES: '2' }),
    });
    started.push(child);
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const pgid = child.pid!;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const healthy = () =>
      fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
    const childrenOf = (pid: number): number[] =>
      spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number);
    /** The API processes: the children of the primary, which is the node process npm started. */
    const servers = (): number[] => childrenOf(pgid).flatMap(childrenOf);
    const bothListening = () => output.join('').split('listening on').length - 1;

    await waitUntil('both API processes to listen', () => bothListening() >= 2, 90_000);
    expect(await healthy()).toBe(true);
    const first = servers();
    expect(first).toHaveLength(2);

    process.kill(first[0], 'SIGKILL');
    await waitUntil('the killed process to be replaced and serve', () => bothListening() >= 3, 60_000);
    const now = servers();
    expect(now).toHaveLength(2);
    expect(now).toContain(first[1]);
    expect(now).not.toContain(first[0]);
    expect(await healthy()).toBe(true);
    expect(output.join('')).toMatch(/an API process died; starting another/);

    child.kill('SIGTERM');
    await waitUntil('every process of the group to exit within 10 s', () => !groupAlive(pgid), 10_000);
    await exited;
    expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
  }, 240_000);
});
