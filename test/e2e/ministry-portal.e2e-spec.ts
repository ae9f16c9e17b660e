import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { countersAndLedger, expectProblem, grantQuota, waitFor } from './quotas-support';

const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const child = { firstName: 'Aibek', lastName: 'Portal', birthDate: '2016-02-03', sex: 'male' };
const courseFrom = (earliestStart: string) => ({ diagnosisGroup: 'ONCOHEMATOLOGY', urgency: 'URGENT', fractions: 6, earliestStart });
/** Hours:minutes of a local ISO time with its offset ('2026-12-14T09:30+05:00' -> minutes of the day, offset). */
const localClock = (iso: string) => {
  const m = /T(\d{2}):(\d{2})(?::\d{2})?([+-]\d{2}):(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a local time with offset: ${iso}`);
  return { minutes: Number(m[1]) * 60 + Number(m[2]), offset: `${m[3]}:${m[4]}` };
};

/**
 * The ministry portal's server side (issue 19): one-step referral against a quota, every defect of the form at
 * once, the referral's state in words with its fractions in the ministry's own time zone (Bishkek +06:00 vs the
 * center's +05:00), the rooms and moves of its own referrals only, and the ledger as CSV.
 */
describe('ministry portal: one-step referral, follow-up in Bishkek time, ledger CSV, country scoping', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let kg: string;
  let uz: string;
  let coordinator: string;
  let quotaId: string;
  let referralId: string;
  const start = dateIn(4);

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, 'ministry-kg': kg, 'ministry-uz': uz, coordinator },
    } = await startApiApp({
      role: 'all',
      demoCenter: true,
      users: ['admin', 'ministry-kg', 'ministry-uz', 'coordinator'],
    }));
    quotaId = (await grantQuota(t, { countryCode: 'KG', year: Number(start.slice(0, 4)), granted: 4 })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const writes = async () => ({
    referrals: await count('referrals'),
    patients: await count('patients'),
    courses: await count('courses'),
    ledger: await count('quota_ledger'),
    holds: await count('quota_reservations'),
  });

  it('refuses a body with every format defect listed at once, nested ones included (400), and writes nothing', async () => {
    const before = await writes();
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ quotaId: 'not-a-uuid', patient: { ...child, firstName: '', birthDate: '03.02.2016' }, course: { ...courseFrom(start), fractions: 0 } });
    expectProblem(res, 400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['quotaId', 'patient.firstName', 'patient.birthDate', 'course.fractions']));
    const both = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ quotaId, reservationId: quotaId, patient: child, course: courseFrom(start) });
    expectProblem(both, 400);
    expect((both.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['quotaId', 'reservationId']);
    const neither = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ patient: child, course: courseFrom(start) });
    expectProblem(neither, 400);
    expect(await writes()).toEqual(before);
  });

  it('refuses a sound body with several rule defects in one 422 invalid-referral listing each, and writes nothing', async () => {
    const before = await writes();
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ quotaId, patient: { ...child, birthDate: '1990-01-01' }, course: { ...courseFrom(start), urgency: 'EMERGENCY', dueStart: dateIn(1) } });
    expectProblem(res, 422);
    expect(res.body.type).toBe('https://beamtime.example/problems/invalid-referral');
    const types = (res.body.problems as Array<{ type: string }>).map((p) => p.type).sort();
    expect(types).toEqual(['emergency-set-by-center', 'invalid-due-start', 'referral-outside-category']);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['course.dueStart', 'course.urgency', 'patient.birthDate']);
    // One defect alone keeps its own problem type, as before.
    const one = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ quotaId, patient: child, course: { ...courseFrom(start), urgency: 'EMERGENCY' } });
    expectProblem(one, 422);
    expect(one.body.type).toBe('https://beamtime.example/problems/emergency-set-by-center');
    expect(await writes()).toEqual(before);
  });

  it("another country and the coordinator cannot refer on KG's quota (404, 403), nothing written", async () => {
    const before = await writes();
    expectProblem(
      await request(server)
        .post('/api/v1/referrals')
        .set('Authorization', uz)
        .send({ quotaId, patient: child, course: courseFrom(start) }),
      404,
    );
    expectProblem(
      await request(server)
        .post('/api/v1/referrals')
        .set('Authorization', coordinator)
        .send({ quotaId, patient: child, course: courseFrom(start) }),
      403,
    );
    expect(await writes()).toEqual(before);
  });

  it('refers in one step: one place held and used in one transaction (RESERVE + USE), the course submitted', async () => {
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ quotaId, patient: child, course: courseFrom(start) })
      .expect(201);
    referralId = res.body.id;
    expect(res.body).toMatchObject({ quotaId, countryCode: 'KG', status: 'ACTIVE', fractionsTotal: 6, ministryTimeZone: 'Asia/Bishkek' });
    expect(['WAITING_FOR_PLACE', 'SCHEDULED']).toContain(res.body.state);
    expect(await countersAndLedger(db, quotaId)).toMatchObject({ granted: 4, reserved: 0, used: 1, sum_reserved: 0, sum_used: 1, held_remaining: 0 });
    const kinds = (await db.query(`SELECT kind FROM quota_ledger WHERE quota_id = $1 ORDER BY id`, [quotaId])).map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(['GRANT', 'RESERVE', 'USE']);
    const [hold] = await db.query(`SELECT status, remaining FROM quota_reservations WHERE id = $1`, [res.body.reservationId]);
    expect(hold).toEqual({ status: 'EXHAUSTED', remaining: 0 });
  });

  it('an existing hold still works', async () => {
    const hold = await request(server).post(`/api/v1/quotas/${quotaId}/reservations`).set('Authorization', kg).send({ count: 1 }).expect(201);
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send({ reservationId: hold.body.id, patient: { ...child, firstName: 'Nurlan' }, course: courseFrom(start) })
      .expect(201);
    expect(res.body.reservationId).toBe(hold.body.id);
    expect(await countersAndLedger(db, quotaId)).toMatchObject({ reserved: 0, used: 2 });
  });

  it('follows the referral: SCHEDULED from the first fraction, its time in the center zone (+05:00) and in Bishkek (+06:00), room names', async () => {
    const view = await waitFor(
      async () => {
        const res = await request(server).get(`/api/v1/referrals/${referralId}`).set('Authorization', kg).expect(200);
        return res.body.state === 'SCHEDULED' ? res.body : undefined;
      },
      30_000,
      200,
    );
    expect(view).toMatchObject({ fractionsDone: 0, fractionsTotal: 6, centerTimeZone: 'Asia/Almaty', ministryTimeZone: 'Asia/Bishkek' });
    const first = view.firstFraction;
    expect(first.roomName).toMatch(/^G[123]$/);
    const [center, ministry] = [localClock(first.centerLocalStart), localClock(first.ministryLocalStart)];
    expect([center.offset, ministry.offset]).toEqual(['+05:00', '+06:00']);
    expect((ministry.minutes - center.minutes + 1440) % 1440).toBe(60);
    expect(Date.parse(first.centerLocalStart)).toBe(Date.parse(first.start));
    expect(Date.parse(first.ministryLocalStart)).toBe(Date.parse(first.start));
    expect(view.nextFraction).toMatchObject({ start: first.start });

    const fractions = await request(server).get(`/api/v1/referrals/${referralId}/fractions`).set('Authorization', kg).expect(200);
    expect(fractions.body).toHaveLength(6);
    expect(fractions.body[0]).toMatchObject({ start: first.start, roomName: first.roomName, ministryLocalStart: first.ministryLocalStart, status: 'BOOKED' });
  });

  it('shows the moves of its own course with their reasons (a downtime on its first fraction)', async () => {
    const first = (await request(server).get(`/api/v1/referrals/${referralId}/fractions`).set('Authorization', kg).expect(200)).body[0];
    const [{ room_id: roomId }] = await db.query(`SELECT room_id FROM appointments WHERE id = $1`, [first.id]);
    const downtime = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId, start: first.start, end: first.end, kind: 'UNPLANNED', reason: 'Gantry drive fault' })
      .expect(201);
    await waitFor(
      async () => {
        const res = await request(server).get(`/api/v1/downtimes/${downtime.body.id}`).set('Authorization', admin).expect(200);
        return res.body.rescheduleStatus === 'DONE' ? true : undefined;
      },
      30_000,
      200,
    );
    const moves = await request(server).get(`/api/v1/referrals/${referralId}/moves`).set('Authorization', kg).expect(200);
    expect(moves.body.length).toBeGreaterThan(0);
    expect(moves.body.some((m: { reason: string; fromStart: string }) => /Gantry drive fault/.test(m.reason) && m.fromStart === first.start)).toBe(true);
    expect(moves.body[0].fromMinistryLocalStart).toMatch(/\+06:00$/);
  });

  it("another country sees nothing of it: the referral, its fractions, moves and KG's ledger are 404, its list has no trace", async () => {
    for (const path of [
      `/referrals/${referralId}`,
      `/referrals/${referralId}/fractions`,
      `/referrals/${referralId}/moves`,
      `/quotas/${quotaId}/ledger.csv`,
      `/quotas/${quotaId}/ledger`,
    ]) {
      expectProblem(await request(server).get(`/api/v1${path}`).set('Authorization', uz), 404);
    }
    const list = await request(server).get('/api/v1/referrals').set('Authorization', uz).expect(200);
    expect(list.body).toEqual([]);
    expectProblem(await request(server).get(`/api/v1/referrals/${referralId}/fractions`).set('Authorization', coordinator), 403);
    // Staff-only lists stay staff-only.
    expectProblem(await request(server).get('/api/v1/rooms').set('Authorization', kg), 403);
  });

  it('exports the ledger as CSV: a header, then every change oldest first', async () => {
    const res = await request(server).get(`/api/v1/quotas/${quotaId}/ledger.csv`).set('Authorization', kg).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="quota-.*-ledger\.csv"/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,kind,deltaGranted,deltaReserved,deltaUsed,reservationId,referralId,actor,actorRole');
    const kinds = lines.slice(1).map((l) => l.split(',')[1]);
    expect(kinds).toEqual(['GRANT', 'RESERVE', 'USE', 'RESERVE', 'USE']);
    expect(lines[1].split(',')[2]).toBe('4');
    const admins = await request(server).get(`/api/v1/quotas/${quotaId}/ledger.csv`).set('Authorization', admin).expect(200);
    expect(admins.text).toBe(res.text);
  });

  it('a withdrawn referral reads WITHDRAWN and its place is back', async () => {
    const res = await request(server)
      .post(`/api/v1/referrals/${referralId}/cancel`)
      .set('Authorization', kg)
      .send({ reason: 'family chose another center' })
      .expect(200);
    expect(res.body).toMatchObject({ state: 'WITHDRAWN', status: 'RETURNED', nextFraction: null });
    expect(await countersAndLedger(db, quotaId)).toMatchObject({ used: 1 });
  });
});
