import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function start(env: Record<string, string>, role = 'api') {
  return spawnSync(process.execPath, [join(root, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'src/main.ts', `--role=${role}`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up with a bad configuration', () => {
  it('stops with one clear line when production has no JWT secret', () => {
    const run = start({ NODE_ENV: 'production' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['Invalid configuration: JWT_SECRET: required in production; make one with `openssl rand -base64 48`']);
  });

  it.each([
    ['the published default', 'beamtime-insecure-demo-secret-change-me', 'the published default cannot sign production tokens'],
    ['20 spaces', ' '.repeat(20), 'required in production'],
    ['a short secret', 'sixteen-chars-ok', 'must be at least 32 bytes in production (it has 16)'],
  ])('refuses %s in production with the same one line, saying how to make one', (_label, secret, reason) => {
    const run = start({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`Invalid configuration: JWT_SECRET: ${reason}; make one with \`openssl rand -base64 48\``]);
  });

  it('names every bad setting on that line (worker role too)', () => {
    const run = start({ PORT: 'abc', LOG_LEVEL: 'loud' }, 'worker');
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: .*PORT.*LOG_LEVEL|^Invalid configuration: .*LOG_LEVEL.*PORT/);
    // One reason a setting, the one that matters: "abc" is not a number (not also "above 65535").
    expect(lines[0].match(/PORT: [^;]*/g)).toEqual(['PORT: PORT must be an integer number']);
  });
});
