import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  declared: string[];
}

const SOME_ID = '00000000-0000-4000-8000-000000000001';
/** Tables any route could write to; none of them may change when a request is refused. */
const WRITTEN_TABLES = [
  'audit_log',
  'downtimes',
  'rooms',
  'closures',
  'patients',
  'courses',
  'appointments',
  'quotas',
  'quota_reservations',
  'referrals',
  'forecasts',
  'users',
  'quota_ledger',
  'appointment_moves',
  'countries',
  'quota_categories',
  'center_settings',
  'idempotency_keys',
];

describe('every route answers 400 problem+json to a query parameter it does not declare (table over the OpenAPI document)', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let routes: Route[] = [];

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', users: ['admin'], demoCenter: true }));
    const doc = await request(server).get('/docs-json').expect(200);
    routes = Object.entries(doc.body.paths as Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>).flatMap(([path, ops]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((m) => ops[m])
        .map((method) => ({ method, path, declared: (ops[method].parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const existingTables = async (): Promise<string[]> => {
    const rows: Array<{ name: string }> = await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
    const present = new Set(rows.map((r) => r.name));
    return WRITTEN_TABLES.filter((name) => present.has(name));
  };
  const counts = async (tables: string[]): Promise<Record<string, number>> =>
    Object.fromEntries(await Promise.all(tables.map(async (name) => [name, Number((await db.query(`SELECT count(*) AS n FROM ${name}`))[0].n)] as const)));

  it('reads a plausible number of routes from the document', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'post', path: '/api/v1/downtimes' }));
  });

  it('refuses dryRun on POST /downtimes with 400 and declares no downtime (the incident of issue 19)', async () => {
    const before = Number((await db.query('SELECT count(*) AS n FROM downtimes'))[0].n);
    const res = await request(server)
      .post('/api/v1/downtimes?dryRun=yes-please')
      .set('Authorization', admin)
      .send({ roomId: SOME_ID, start: '2030-01-07T08:00:00+05:00', end: '2030-01-08T08:00:00+05:00', reason: 'maintenance' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://beamtime.example/problems/unknown-query-parameter');
    expect(res.body.unknown).toEqual(['dryRun']);
    expect(Number((await db.query('SELECT count(*) AS n FROM downtimes'))[0].n)).toBe(before);
  });

  it('every path and method of the document: an unknown query parameter is 400 problem+json, nothing written', async () => {
    const tables = await existingTables();
    const before = await counts(tables);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(/\{[^}]+\}/g, SOME_ID) + '?notAParameter=1';
      const res = await request(server)[route.method](url).set('Authorization', admin).send({});
      const ok =
        res.status === 400 &&
        /application\/problem\+json/.test(String(res.headers['content-type'])) &&
        res.body.type === 'https://beamtime.example/problems/unknown-query-parameter' &&
        JSON.stringify(res.body.unknown) === '["notAParameter"]' &&
        JSON.stringify(res.body.accepted) === JSON.stringify([...route.declared].sort());
      if (!ok) failures.push(`${route.method.toUpperCase()} ${route.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await counts(tables)).toEqual(before);
  });

  it('still accepts the parameters a route declares', async () => {
    await request(server).get('/api/v1/audit?limit=5').set('Authorization', admin).expect(200);
    await request(server).get('/api/v1/downtimes').set('Authorization', admin).expect(200);
  });
});
