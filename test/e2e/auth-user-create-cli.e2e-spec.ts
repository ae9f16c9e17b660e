import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'src/cli/user-create.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, BEAMTIME_PASSWORD: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('npm run user:create', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a ministry user from BEAMTIME_PASSWORD, audited, who can then log in', async () => {
    const out = await runCli(['--username', 'kg-officer', '--role', 'MINISTRY', '--country', 'kg'], {
      DATABASE_URL: t.db.url,
      BEAMTIME_PASSWORD: 'from-the-environment',
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/created MINISTRY \(KG\) user kg-officer/);
    const [audit]: Array<{ username: string; role: string; action: string }> = await db.query(
      `SELECT a.username, a.role, a.action FROM audit_log a JOIN users u ON u.id::text = a.entity_id WHERE u.username = 'kg-officer'`,
    );
    expect(audit).toEqual({ username: 'system:user-create', role: 'SYSTEM', action: 'user.create' });
    const login = await request(t.app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username: 'kg-officer', password: 'from-the-environment' })
      .expect(200);
    expect(login.body).toMatchObject({ role: 'MINISTRY', countryCode: 'KG' });
  });

  it('reads the password from stdin when the variable is not set', async () => {
    const out = await runCli(['--username=ops-admin', '--role=ADMIN'], { DATABASE_URL: t.db.url }, 'piped-password\n');
    expect(out.code).toBe(0);
    await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'ops-admin', password: 'piped-password' }).expect(200);
  });

  it('refuses a password flag, a taken username and a ministry without a country or with an unknown one, creating nothing', async () => {
    const flag = await runCli(['--username', 'x-user', '--role', 'ADMIN', '--password', 'secret123'], { DATABASE_URL: t.db.url });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toMatch(/never accepted as flags/);
    const taken = await runCli(['--username', 'OPS-ADMIN', '--role', 'ADMIN'], { DATABASE_URL: t.db.url, BEAMTIME_PASSWORD: 'whatever-long' });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/taken/);
    const noCountry = await runCli(['--username', 'm-user', '--role', 'MINISTRY'], { DATABASE_URL: t.db.url, BEAMTIME_PASSWORD: 'whatever-long' });
    expect(noCountry.code).toBe(1);
    const unknownCountry = await runCli(['--username', 'm-user', '--role', 'MINISTRY', '--country', 'ZZ'], {
      DATABASE_URL: t.db.url,
      BEAMTIME_PASSWORD: 'whatever-long',
    });
    expect(unknownCountry.code).toBe(1);
    expect(unknownCountry.stderr).toMatch(/ZZ does not exist/);
    const rows: unknown[] = await db.query(`SELECT 1 FROM users WHERE username IN ('x-user', 'm-user')`);
    expect(rows).toHaveLength(0);
  });
});
