import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dropQueueKeys } from '../../src/queue/drop-queue-keys';
import { DEMO_TEST_PASSWORD, seedDemoUsers } from '../support/auth';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueQueuePrefix } from '../support/test-env';

const ROOT = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real API process (`src/main.ts --role=api`) at the most verbose log level, every byte of its
 * stdout and stderr kept: after signing in and using every way in, neither a token nor the password
 * appears anywhere in what it wrote.
 */
describe('no token or password in the log', () => {
  let db: TestDatabase;
  let prefix: string;
  let child: ChildProcess;
  let base: string;
  const output: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    const setup = await createTestApp({ db, queuePrefix: prefix, role: 'api' });
    await seedDemoUsers(setup);
    await setup.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts', '--role=api'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: String(port),
        LOG_LEVEL: 'trace',
        RECONCILER_ENABLED: 'false',
        EARLY_STARTS_ENABLED: 'false',
        JWT_SECRET: 'test-secret-which-is-long-enough',
      },
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited: ${output.join('')}`);
      if (
        await fetch(`${base}/api/v1/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`the API did not start: ${output.join('')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await db?.drop();
    if (prefix) await dropQueueKeys(TEST_REDIS_URL, prefix);
  });

  it('logs every request, yet never the token or the password', async () => {
    const login = (headers: Record<string, string> = {}, password = DEMO_TEST_PASSWORD) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ username: 'admin', password }),
      });
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

    // Login: the API's (token in the body) and the console's (token only in the httpOnly cookie).
    const apiLogin = await login();
    expect(apiLogin.status).toBe(200);
    const token = ((await apiLogin.json()) as { accessToken: string }).accessToken;
    const consoleLogin = await login({ 'X-Requested-With': 'beamtime' });
    expect(consoleLogin.status).toBe(200);
    const setCookie = consoleLogin.headers.get('set-cookie') ?? '';
    const session = /bt_session=([^;]+)/.exec(setCookie)?.[1];
    expect(session).toBeDefined();
    const cookie = { Cookie: `bt_session=${session}` };
    const bearer = { Authorization: `Bearer ${token}` };
    // A wrong password, and one sent by a login that fails validation.
    expect((await login({}, `${DEMO_TEST_PASSWORD}-wrong`)).status).toBe(401);
    expect((await login({}, DEMO_TEST_PASSWORD.slice(0, 3))).status).toBeGreaterThanOrEqual(400);

    // API calls with the bearer header and with the cookie (a read and a cookie mutation).
    expect((await get('/api/v1/auth/me', bearer)).status).toBe(200);
    expect((await get('/api/v1/courses', cookie)).status).toBe(200);
    const created = await fetch(`${base}/api/v1/patients`, {
      method: 'POST',
      headers: { ...cookie, 'Content-Type': 'application/json', 'X-Requested-With': 'beamtime' },
      body: JSON.stringify({ firstName: 'Log', lastName: 'Probe', birthDate: '1980-01-01', sex: 'female', countryCode: 'KZ' }),
    });
    expect(created.status).toBe(201);
    // A patient's calendar subscription: the one secret that travels in a URL path (a phone calendar takes only a URL).
    const patientId = ((await created.json()) as { id: string }).id;
    const issued = await fetch(`${base}/api/v1/patients/${patientId}/calendar-link`, { method: 'POST', headers: bearer });
    expect(issued.status).toBe(201);
    const feedPath = ((await issued.json()) as { path: string }).path;
    expect((await get(`${feedPath}?lang=kk`)).status).toBe(200);
    const feedToken = feedPath.split('/')[4];

    // The queue dashboard: by the console's cookie, by bearer, and the refused old way with the token in the URL.
    expect((await get('/admin/queues', cookie)).status).toBe(200);
    expect((await get('/admin/queues/api/queues', cookie)).status).toBe(200);
    expect((await get('/admin/queues/api/queues', bearer)).status).toBe(200);
    expect((await get(`/admin/queues?token=${token}`)).status).toBe(400);
    // A client that puts the token in an API URL anyway, and the password too.
    expect((await get(`/api/v1/courses?access_token=${token}`, cookie)).status).toBe(400);
    expect((await get(`/api/v1/courses?password=${DEMO_TEST_PASSWORD}`, cookie)).status).toBe(400);

    // The console's pages and the docs, with the session cookie; then signing out.
    await get('/', { ...cookie, Accept: 'text/html' });
    await get('/board?date=2027-01-04', { ...cookie, Accept: 'text/html' });
    expect((await get('/docs', cookie)).status).toBeLessThan(400);
    expect((await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { ...cookie, 'X-Requested-With': 'beamtime' } })).status).toBe(204);

    // Let the last lines reach the pipe, then stop the process so everything it buffered is written.
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const log = output.join('');

    // The log is not empty: every request above left its line, with the redaction marker where a secret was.
    expect(log).toMatch(/"url":"\/admin\/queues\?token=\[Redacted\]"/);
    expect(log).toMatch(/"url":"\/api\/v1\/courses\?access_token=\[Redacted\]"/);
    expect(log).toMatch(/"url":"\/api\/v1\/auth\/login"/);
    expect(log).toMatch(/"url":"\/admin\/queues\/api\/queues"/);
    expect(log).toMatch(/"url":"\/api\/v1\/calendar-feeds\/\[Redacted\]\/calendar\.ics\?lang=kk"/);
    const secrets = { token, session: session!, password: DEMO_TEST_PASSWORD, feedToken };
    for (const [name, secret] of Object.entries(secrets)) {
      // The whole secret, and a JWT's signature alone (it is what makes a token usable).
      const needles = name === 'password' || name === 'feedToken' ? [secret] : [secret, secret.split('.')[2]];
      for (const needle of needles) expect({ name, found: log.includes(needle) }).toEqual({ name, found: false });
    }
  }, 120_000);
});
