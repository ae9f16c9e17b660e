import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApiApp } from '../support/api-app';
import { bearer, DemoUser } from '../support/auth';
import { TestApp } from '../support/test-app';

/**
 * One mutation of every kind the API offers, each with its own X-Request-Id, and for each the
 * audit row it must have written in its transaction: same request id, the acting user and role.
 */
describe('audit: every kind of mutation leaves a row naming who, what and which request', () => {
  let t: TestApp;
  let db: DataSource;
  const ids: Record<string, string> = {};
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const year = Number(day(60).slice(0, 4));
  let n = 0;

  interface Step {
    as: DemoUser;
    method: 'post' | 'patch' | 'put' | 'delete';
    url: () => string;
    body?: () => object;
    action: string;
    keep?: (body: Record<string, unknown>) => void;
  }

  const steps: Step[] = [
    {
      as: 'admin',
      method: 'post',
      url: () => '/api/v1/rooms',
      body: () => ({ name: 'Audit room', kind: 'GANTRY' }),
      action: 'room.create',
      keep: (b) => (ids.room = String(b.id)),
    },
    { as: 'admin', method: 'patch', url: () => `/api/v1/rooms/${ids.room}`, body: () => ({ name: 'Audit room 2' }), action: 'room.update' },
    {
      as: 'admin',
      method: 'post',
      url: () => '/api/v1/closures',
      body: () => ({ date: day(200), reason: 'audit test' }),
      action: 'closure.create',
      keep: (b) => (ids.closure = String(b.id)),
    },
    { as: 'admin', method: 'delete', url: () => `/api/v1/closures/${ids.closure}`, action: 'closure.delete' },
    {
      as: 'admin',
      method: 'post',
      url: () => '/api/v1/downtimes',
      body: () => ({ roomId: ids.room, start: `${day(210)}T08:00:00+05:00`, end: `${day(210)}T10:00:00+05:00`, kind: 'PLANNED', reason: 'audit' }),
      action: 'downtime.create',
    },
    { as: 'admin', method: 'put', url: () => '/api/v1/calendar', body: () => ({ qaMinutes: 35 }), action: 'calendar.update' },
    { as: 'admin', method: 'post', url: () => '/api/v1/countries', body: () => ({ code: 'TJ', name: 'Tajikistan' }), action: 'country.create' },
    {
      as: 'admin',
      method: 'post',
      url: () => '/api/v1/quota-categories',
      body: () => ({ code: 'ADULT_CNS', description: 'audit' }),
      action: 'quota-category.create',
    },
    {
      as: 'admin',
      method: 'post',
      url: () => '/api/v1/quotas',
      body: () => ({ countryCode: 'KG', year, category: 'PEDIATRIC_ONCOHEMATOLOGY', granted: 4 }),
      action: 'quota.grant',
      keep: (b) => (ids.quota = String(b.id)),
    },
    { as: 'admin', method: 'patch', url: () => `/api/v1/quotas/${ids.quota}`, body: () => ({ granted: 6 }), action: 'quota.adjust' },
    {
      as: 'ministry-kg',
      method: 'post',
      url: () => `/api/v1/quotas/${ids.quota}/reservations`,
      body: () => ({ count: 1 }),
      action: 'reservation.create',
      keep: (b) => (ids.res1 = String(b.id)),
    },
    { as: 'ministry-kg', method: 'delete', url: () => `/api/v1/reservations/${ids.res1}`, action: 'reservation.release' },
    {
      as: 'ministry-kg',
      method: 'post',
      url: () => `/api/v1/quotas/${ids.quota}/reservations`,
      body: () => ({ count: 1 }),
      action: 'reservation.create',
      keep: (b) => (ids.res2 = String(b.id)),
    },
    {
      as: 'ministry-kg',
      method: 'post',
      url: () => '/api/v1/referrals',
      body: () => ({
        reservationId: ids.res2,
        patient: { firstName: 'Audit', lastName: 'Child', birthDate: '2019-05-05', sex: 'female' },
        course: { diagnosisGroup: 'ONCOHEMATOLOGY', urgency: 'ROUTINE', fractions: 3, earliestStart: day(60) },
      }),
      action: 'referral.create',
    },
    {
      as: 'coordinator',
      method: 'post',
      url: () => '/api/v1/patients',
      body: () => ({ firstName: 'Audit', lastName: 'Adult', birthDate: '1970-01-01', sex: 'male', countryCode: 'KZ' }),
      action: 'patient.create',
      keep: (b) => (ids.patient = String(b.id)),
    },
    {
      as: 'coordinator',
      method: 'post',
      url: () => '/api/v1/courses',
      body: () => ({ patientId: ids.patient, diagnosisGroup: 'CNS', urgency: 'ROUTINE', fractions: 3, earliestStart: day(90) }),
      action: 'course.create',
      keep: (b) => (ids.course = String(b.id)),
    },
    { as: 'coordinator', method: 'post', url: () => `/api/v1/courses/${ids.course}/submit`, body: () => ({}), action: 'course.submit' },
    { as: 'coordinator', method: 'post', url: () => `/api/v1/courses/${ids.course}/cancel`, body: () => ({ reason: 'audit test' }), action: 'course.cancel' },
    { as: 'admin', method: 'post', url: () => '/api/v1/forecasts', body: () => ({ horizonWeeks: 4, runs: 2, seed: 1 }), action: 'forecast.create' },
    {
      as: 'admin',
      method: 'post',
      url: () => '/api/v1/users',
      body: () => ({ username: 'audited', password: 'long-enough-pw', role: 'COORDINATOR' }),
      action: 'user.create',
      keep: (b) => (ids.user = String(b.id)),
    },
    { as: 'admin', method: 'patch', url: () => `/api/v1/users/${ids.user}`, body: () => ({ active: false }), action: 'user.update' },
  ];

  beforeAll(async () => {
    ({ t, db } = await startApiApp({ role: 'api', env: { RECONCILER_ENABLED: 'false' } }));
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(steps.map((s) => [s.action, s] as const))('%s', async (_action, step) => {
    const requestId = `audit-step-${++n}`;
    const api = request(t.app.getHttpServer());
    const req = api[step.method](step.url())
      .set('Authorization', await bearer(t, step.as))
      .set('X-Request-Id', requestId);
    const res = await (step.body ? req.send(step.body()) : req);
    expect({ status: res.status, ok: res.status >= 200 && res.status < 300, body: res.status < 300 ? 'ok' : res.body }).toMatchObject({ ok: true, body: 'ok' });
    step.keep?.(res.body as Record<string, unknown>);
    const rows: Array<{ action: string; username: string; role: string }> = await db.query(
      'SELECT action, username, role FROM audit_log WHERE request_id = $1',
      [requestId],
    );
    const role = step.as === 'admin' ? 'ADMIN' : step.as === 'coordinator' ? 'COORDINATOR' : 'MINISTRY';
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(rows.map(() => expect.objectContaining({ username: step.as, role })));
    expect(rows.map((r) => r.action).join(' ')).toMatch(new RegExp(step.action.split('.')[0]));
  });
});
