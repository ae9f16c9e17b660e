import request from 'supertest';
import { DataSource } from 'typeorm';
import { clock } from '../../src/common/center-clock';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { CATEGORY, countersAndLedger, expectProblem, grantQuota, referralBody } from './quotas-support';

/**
 * A quota is a year's places: granted for the current year or later, held and used only while
 * that year (center time) lasts, and used by a course that starts in it. Referral bodies must be
 * objects. Every refusal is a 4xx problem that writes nothing.
 */

/** Moves the service's clock (not PostgreSQL's, not the hold timers) to an instant. */
const at = (instant: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));

describe('quota years and referral bodies', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let kg: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, 'ministry-kg': kg },
    } = await startApiApp({ role: 'api', users: ['admin', 'ministry-kg'] }));
  });
  beforeEach(() => {
    at('2026-12-20T12:00:00+05:00');
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await t.close();
  });

  const tableCounts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM quotas)::int AS quotas, (SELECT count(*) FROM quota_ledger)::int AS ledger,
                (SELECT count(*) FROM quota_reservations)::int AS holds, (SELECT count(*) FROM referrals)::int AS referrals,
                (SELECT count(*) FROM patients)::int AS patients, (SELECT count(*) FROM courses)::int AS courses,
                (SELECT count(*) FROM audit_log)::int AS audit`,
      )
    )[0] as Record<string, number>;

  it('grants places only for the current year or later (422 quota-year-over, nothing written)', async () => {
    at('2026-06-15T12:00:00+05:00');
    const before = await tableCounts();
    for (const year of [2000, 2025]) {
      const res = await request(server).post('/api/v1/quotas').set('Authorization', admin).send({ countryCode: 'KG', year, category: CATEGORY, granted: 5 });
      expectProblem(res, 422);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/quota-year-over$/), year, currentYear: 2026 });
    }
    expect(await tableCounts()).toEqual(before);
    await grantQuota(t, { countryCode: 'KG', year: 2026, granted: 5 });
  });

  it('refers no course that starts before the quota year (422 course-outside-quota-year, place kept), but one referred in December for January', async () => {
    const quota = await grantQuota(t, { countryCode: 'UZ', year: 2027, granted: 10 });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', admin).send({ count: 2 }).expect(201);
    const before = await tableCounts();
    const ledger = await countersAndLedger(db, quota.id);
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', admin)
      .send(referralBody(hold.body.id, { earliestStart: '2026-12-28' }));
    expectProblem(res, 422);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/course-outside-quota-year$/), field: 'course.earliestStart', quotaYear: 2027 });
    expect(await tableCounts()).toEqual(before);
    expect(await countersAndLedger(db, quota.id)).toEqual(ledger);
    await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', admin)
      .send(referralBody(hold.body.id, { earliestStart: '2027-01-11' }))
      .expect(201);

    const december = await grantQuota(t, { countryCode: 'UZ', year: 2026, granted: 10 });
    const held = await request(server).post(`/api/v1/quotas/${december.id}/reservations`).set('Authorization', admin).send({ count: 1 }).expect(201);
    await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', admin)
      .send(referralBody(held.body.id, { earliestStart: '2027-01-11' }))
      .expect(201);
  });

  it('once the year is over at the center (Almaty, UTC+5), its quota is no longer changed, held or used', async () => {
    await request(server).post('/api/v1/quota-categories').set('Authorization', admin).send({ code: 'YEAR_END' }).expect(201);
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2026, granted: 4, category: 'YEAR_END' });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 2 }).expect(201);

    // 20:00 UTC on 31 December is already 01:00 on 1 January in Almaty.
    at('2026-12-31T20:00:00Z');
    const before = await tableCounts();
    const ledger = await countersAndLedger(db, quota.id);
    const refusals = [
      await request(server).patch(`/api/v1/quotas/${quota.id}`).set('Authorization', admin).send({ granted: 6 }),
      await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', kg).send({ count: 1 }),
      await request(server)
        .post('/api/v1/referrals')
        .set('Authorization', kg)
        .send(referralBody(hold.body.id, { earliestStart: '2026-12-30' })),
    ];
    for (const res of refusals) {
      expectProblem(res, 422);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/quota-year-over$/), year: 2026, currentYear: 2027 });
    }
    expect(await tableCounts()).toEqual(before);
    expect(await countersAndLedger(db, quota.id)).toEqual(ledger);

    // The place comes back to the ministry only through release (or expiry): letting go stays possible.
    await request(server).delete(`/api/v1/reservations/${hold.body.id}`).set('Authorization', kg).expect(200);
  });

  it.each([
    ['patient and course as empty arrays', 'BODY_BOTH_EMPTY', { patient: [], course: [] }, ['patient', 'course']],
    ['the course as an empty array', 'BODY_COURSE_EMPTY', { course: [] }, ['course']],
    ['the course as an array of a valid course', 'BODY_COURSE_WRAPPED', { course: [referralBody('x').course] }, ['course']],
    ['the patient as a string', 'BODY_PATIENT_STRING', { patient: 'Aibek' }, ['patient']],
  ])('answers %s with 400 validation, not 500, and writes nothing', async (_name, category, override, fields) => {
    await request(server).post('/api/v1/quota-categories').set('Authorization', admin).send({ code: category }).expect(201);
    const quota = await grantQuota(t, { countryCode: 'UZ', year: 2026, granted: 1, category });
    const hold = await request(server).post(`/api/v1/quotas/${quota.id}/reservations`).set('Authorization', admin).send({ count: 1 }).expect(201);
    const before = await tableCounts();
    const ledger = await countersAndLedger(db, quota.id);
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', admin)
      .send({ ...referralBody(hold.body.id, { earliestStart: '2026-12-28' }), ...override });
    expectProblem(res, 400);
    expect(res.body.type).toMatch(/validation$/);
    const reported = res.body.errors.map((e: { field: string; messages: string[] }) => e.field);
    for (const field of fields) expect(reported).toContain(field);
    expect(res.body.errors.find((e: { field: string }) => e.field === fields[0]).messages.join(' ')).toMatch(/must be an object/);
    expect(await tableCounts()).toEqual(before);
    expect(await countersAndLedger(db, quota.id)).toEqual(ledger);
  });
});
