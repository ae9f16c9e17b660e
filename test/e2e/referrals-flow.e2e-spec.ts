import request from 'supertest';
import { DataSource } from 'typeorm';
import { CourseService } from '../../src/courses/course.service';
import { ReferralSubmitReconciler } from '../../src/referrals/referral-submit.reconciler';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { countersAndLedger, expectProblem, grantQuota, referralBody, waitFor } from './quotas-support';

/** 'YYYY-MM-DD' `days` from today (UTC). */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** `days` and `days + 1` from today, moved a day later when they would straddle New Year (one quota year must hold both). */
function twoDaysInOneYear(days: number): [string, string] {
  const [a, b] = [dateIn(days), dateIn(days + 1)];
  return a.slice(0, 4) === b.slice(0, 4) ? [a, b] : [b, dateIn(days + 2)];
}

interface ReferralView {
  id: string;
  status: string;
  courseId: string;
  patientId: string;
  courseStatus: string;
  firstFractionAt: string | null;
  firstFractionDate: string | null;
}

describe('referrals: reserve -> refer -> allocated -> first fraction date; returns; scoping', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let kg: string;
  let uz: string;
  let coordinator: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, 'ministry-kg': kg, 'ministry-uz': uz, coordinator },
    } = await startApiApp({
      role: 'all',
      users: ['admin', 'ministry-kg', 'ministry-uz', 'coordinator'],
    }));
    for (const name of ['G1', 'G2']) await db.query(`INSERT INTO rooms (name, kind) VALUES ($1, 'GANTRY')`, [name]);
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * A referral uses a place of the year its course starts in, so each test grants a quota for that
   * year; a category of its own keeps the tests' (country, year, category) quotas apart.
   */
  const quotaFor = async (start: string, granted: number, category: string) => {
    await request(server).post('/api/v1/quota-categories').set('Authorization', admin).send({ code: category }).expect(201);
    return grantQuota(t, { countryCode: 'KG', year: Number(start.slice(0, 4)), granted, category });
  };

  const hold = async (quotaId: string, count: number) =>
    (await request(server).post(`/api/v1/quotas/${quotaId}/reservations`).set('Authorization', kg).send({ count }).expect(201)).body as { id: string };

  const allocated = (id: string) =>
    waitFor(
      async () => {
        const res = await request(server).get(`/api/v1/referrals/${id}`).set('Authorization', kg).expect(200);
        const view = res.body as ReferralView;
        return view.courseStatus === 'SCHEDULED' && view.firstFractionDate ? view : undefined;
      },
      30_000,
      200,
    );

  it('end to end: the course is created, submitted and allocated; the ministry sees the first fraction date; one USE', async () => {
    const start = dateIn(7);
    const quota = await quotaFor(start, 5, 'REF_END_TO_END');
    const reservation = await hold(quota.id, 2);
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: start }))
      .expect(201);
    expect(res.body).toMatchObject({ status: 'ACTIVE', countryCode: 'KG', reservationId: reservation.id, quotaId: quota.id, patientName: 'Aibek Toktogulov' });
    expect(['QUEUED', 'SCHEDULED']).toContain(res.body.courseStatus);

    const view = await allocated(res.body.id);
    const fractions = await request(server).get(`/api/v1/courses/${view.courseId}/appointments`).set('Authorization', kg).expect(200);
    expect(fractions.body).toHaveLength(5);
    const first = fractions.body.map((a: { start: string }) => a.start).sort()[0];
    expect(view.firstFractionAt).toBe(new Date(first).toISOString());
    expect(view.firstFractionDate! >= dateIn(6)).toBe(true);

    const [patient] = await db.query('SELECT country_code, referral_country_code FROM patients WHERE id = $1', [view.patientId]);
    expect(patient).toEqual({ country_code: 'KG', referral_country_code: 'KG' });
    const [course] = await db.query('SELECT referral_id, referral_country_code FROM courses WHERE id = $1', [view.courseId]);
    expect(course).toEqual({ referral_id: res.body.id, referral_country_code: 'KG' });

    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 5, reserved: 1, used: 1, sum_reserved: 1, sum_used: 1, held_remaining: 1 });
    const uses = await db.query(`SELECT referral_id, reservation_id, actor_username FROM quota_ledger WHERE quota_id = $1 AND kind = 'USE'`, [quota.id]);
    expect(uses).toEqual([{ referral_id: res.body.id, reservation_id: reservation.id, actor_username: 'ministry-kg' }]);
    const actions = (await db.query(`SELECT action FROM audit_log WHERE entity = 'referral' AND entity_id = $1`, [res.body.id])).map(
      (a: { action: string }) => a.action,
    );
    expect(actions).toEqual(['referral.create']);
  });

  it('a retried referral with the same Idempotency-Key uses the place once; the last place closes the hold', async () => {
    const start = dateIn(10);
    const quota = await quotaFor(start, 3, 'REF_RETRY');
    const reservation = await hold(quota.id, 1);
    const body = referralBody(reservation.id, { earliestStart: start });
    const a = await request(server).post('/api/v1/referrals').set('Authorization', kg).set('Idempotency-Key', 'ref-retry-1').send(body).expect(201);
    const b = await request(server).post('/api/v1/referrals').set('Authorization', kg).set('Idempotency-Key', 'ref-retry-1').send(body).expect(201);
    expect(b.body.id).toBe(a.body.id);
    const stored = await request(server).get(`/api/v1/reservations/${reservation.id}`).set('Authorization', kg).expect(200);
    expect(stored.body).toMatchObject({ status: 'EXHAUSTED', remaining: 0 });
    const again = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(body);
    expectProblem(again, 409);
    expect(again.body.reservationStatus).toBe('EXHAUSTED');
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ reserved: 0, used: 1, sum_used: 1 });
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM referrals WHERE reservation_id = $1', [reservation.id]);
    expect(n).toBe(1);
  });

  it('six concurrent referrals against three held places: three succeed, three get 409, nothing half-written', async () => {
    const start = dateIn(20);
    const quota = await quotaFor(start, 3, 'REF_CONCURRENT');
    const reservation = await hold(quota.id, 3);
    const [{ n: patientsBefore }] = await db.query('SELECT count(*)::int AS n FROM patients');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        request(server)
          .post('/api/v1/referrals')
          .set('Authorization', kg)
          .send(referralBody(reservation.id, { earliestStart: start })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409);
    const [{ n: patientsAfter }] = await db.query('SELECT count(*)::int AS n FROM patients');
    expect(patientsAfter - patientsBefore).toBe(3);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 3, reserved: 0, used: 3, sum_reserved: 0, sum_used: 3, held_remaining: 0 });
  });

  it('a referred course left in DRAFT by a failed submit is submitted by the reconciler (referrals check)', async () => {
    const start = dateIn(9);
    const quota = await quotaFor(start, 1, 'REF_SWEEP');
    const reservation = await hold(quota.id, 1);
    // Fault injection: the second transaction (submit) fails as if the process died after the first.
    const submit = jest.spyOn(t.app.get(CourseService), 'submit').mockRejectedValueOnce(new Error('connection terminated'));
    const res = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: start }))
      .expect(201);
    submit.mockRestore();
    expect(res.body.courseStatus).toBe('DRAFT');
    const reconciler = t.app.get(ReferralSubmitReconciler);
    expect(await reconciler.run()).toBe(0); // still inside the grace period
    expect(await reconciler.run(0)).toBe(1);
    await allocated(res.body.id);
    expect(await reconciler.run(0)).toBe(0);
  });

  it('writes nothing when the patient or course is refused (all or nothing), and takes no MRN or EMERGENCY from a ministry', async () => {
    const start = dateIn(8);
    const quota = await quotaFor(start, 2, 'REF_ALL_OR_NOTHING');
    const reservation = await hold(quota.id, 2);
    await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: start }))
      .expect(201);
    const before = await countersAndLedger(db, quota.id);
    const [{ patients: p0 }] = await db.query('SELECT count(*)::int AS patients FROM patients');
    // Refused inside the transaction, after the place was taken: the place comes back with everything else.
    const unborn = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: start, birthDate: '2099-01-01' }));
    expectProblem(unborn, 422);
    expect(unborn.body.type).toMatch(/date-out-of-range$/);
    // A ministry cannot give an MRN: a duplicate's 409 would tell it that someone else's patient exists.
    // Nor declare an emergency: that takes the slots kept for the center's emergencies.
    const emergency = referralBody(reservation.id, { earliestStart: start });
    (emergency.course as Record<string, unknown>).urgency = 'EMERGENCY';
    const declared = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(emergency);
    expectProblem(declared, 422);
    expect(declared.body).toMatchObject({ type: expect.stringMatching(/emergency-set-by-center$/), field: 'course.urgency' });
    const withMrn = referralBody(reservation.id, { earliestStart: start });
    (withMrn.patient as Record<string, unknown>).mrn = 'KZ-MRN-1';
    const mrn = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(withMrn);
    expectProblem(mrn, 400);
    expect(mrn.body.errors.map((e: { field: string }) => e.field)).toEqual(['patient.mrn']);
    const bad = referralBody(reservation.id, { earliestStart: start });
    (bad.course as Record<string, unknown>).fractions = 0;
    const invalid = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(bad);
    expectProblem(invalid, 400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).join(',')).toMatch(/fractions/);
    expect(await countersAndLedger(db, quota.id)).toEqual(before);
    const [{ patients: p1 }] = await db.query('SELECT count(*)::int AS patients FROM patients');
    expect(p1).toBe(p0);
  });

  it("uses a place only for the patients its category was agreed for (a child's oncohematology place is not an adult's lung course)", async () => {
    const start = dateIn(8);
    const category = await request(server)
      .post('/api/v1/quota-categories')
      .set('Authorization', admin)
      .send({ code: 'REF_CHILD_ONCOHEM', patientCategory: 'PEDIATRIC', diagnosisGroups: ['ONCOHEMATOLOGY'] })
      .expect(201);
    expect(category.body).toMatchObject({ patientCategory: 'PEDIATRIC', diagnosisGroups: ['ONCOHEMATOLOGY'] });
    const quota = await grantQuota(t, { countryCode: 'KG', year: Number(start.slice(0, 4)), granted: 2, category: 'REF_CHILD_ONCOHEM' });
    const reservation = await hold(quota.id, 1);
    const before = await countersAndLedger(db, quota.id);

    const adult = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: start, birthDate: '1960-03-03' }));
    expectProblem(adult, 422);
    expect(adult.body).toMatchObject({
      type: expect.stringMatching(/referral-outside-category$/),
      errors: [{ field: 'patient.birthDate', messages: [expect.stringMatching(/children/)] }],
    });
    const lung = referralBody(reservation.id, { earliestStart: start });
    (lung.course as Record<string, unknown>).diagnosisGroup = 'THORAX';
    const wrongGroup = await request(server).post('/api/v1/referrals').set('Authorization', kg).send(lung);
    expectProblem(wrongGroup, 422);
    expect(wrongGroup.body.errors).toEqual([
      { field: 'course.diagnosisGroup', messages: [expect.stringMatching(/ONCOHEMATOLOGY courses, not THORAX/)], code: 'referral-outside-category' },
    ]);
    // Nothing was used: the place is still held, for the child it was meant for.
    expect(await countersAndLedger(db, quota.id)).toEqual(before);
    await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: start }))
      .expect(201);
    await request(server)
      .post('/api/v1/quota-categories')
      .set('Authorization', admin)
      .send({ code: 'REF_BAD', diagnosisGroups: ['LUNGS'] })
      .expect(400);
  });

  it('returns the place when the referred course is cancelled before its first fraction, not after', async () => {
    const [earlyStart, lateStart] = twoDaysInOneYear(14);
    const quota = await quotaFor(earlyStart, 4, 'REF_RETURNS');
    const reservation = await hold(quota.id, 2);
    const early = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: earlyStart }))
      .expect(201);
    const late = await request(server)
      .post('/api/v1/referrals')
      .set('Authorization', kg)
      .send(referralBody(reservation.id, { earliestStart: lateStart }))
      .expect(201);
    const lateView = await allocated(late.body.id);
    await allocated(early.body.id);

    await request(server)
      .post(`/api/v1/courses/${early.body.courseId}/cancel`)
      .set('Authorization', coordinator)
      .send({ reason: 'family declined' })
      .expect(200);
    const returned = await request(server).get(`/api/v1/referrals/${early.body.id}`).set('Authorization', kg).expect(200);
    expect(returned.body).toMatchObject({ status: 'RETURNED', courseStatus: 'CANCELLED', returnedAt: expect.any(String) });
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 4, reserved: 0, used: 1, sum_used: 1 });
    const kinds = (await db.query('SELECT kind FROM quota_ledger WHERE quota_id = $1 ORDER BY id', [quota.id])).map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(['GRANT', 'RESERVE', 'USE', 'USE', 'RETURN']);

    // The other one had its first fraction given: cancelling keeps the place used.
    await db.query(`UPDATE appointments SET status = 'DELIVERED' WHERE id = (SELECT id FROM appointments WHERE course_id = $1 ORDER BY start LIMIT 1)`, [
      lateView.courseId,
    ]);
    await request(server).post(`/api/v1/courses/${lateView.courseId}/cancel`).set('Authorization', coordinator).send({}).expect(200);
    const kept = await request(server).get(`/api/v1/referrals/${late.body.id}`).set('Authorization', kg).expect(200);
    expect(kept.body).toMatchObject({ status: 'ACTIVE', courseStatus: 'CANCELLED' });
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ used: 1, sum_used: 1 });
  });

  it('lets the ministry withdraw a referral before the first fraction (the place returns), not once treatment has begun', async () => {
    const [start, otherStart] = twoDaysInOneYear(14);
    const quota = await quotaFor(start, 3, 'REF_WITHDRAW');
    const reservation = await hold(quota.id, 2);
    const refer = async (earliestStart: string) =>
      (await request(server).post('/api/v1/referrals').set('Authorization', kg).send(referralBody(reservation.id, { earliestStart })).expect(201))
        .body as ReferralView;
    const [withdrawn, begun] = [await allocated((await refer(start)).id), await allocated((await refer(otherStart)).id)];

    expectProblem(await request(server).post(`/api/v1/referrals/${withdrawn.id}/cancel`).set('Authorization', uz).send({}), 404);
    const res = await request(server)
      .post(`/api/v1/referrals/${withdrawn.id}/cancel`)
      .set('Authorization', kg)
      .send({ reason: 'family chose treatment at home' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'RETURNED', courseStatus: 'CANCELLED', courseReason: 'family chose treatment at home' });
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ granted: 3, reserved: 0, used: 1, sum_used: 1 });
    const booked = await db.query(`SELECT count(*)::int AS n FROM appointments WHERE course_id = $1 AND status = 'BOOKED'`, [withdrawn.courseId]);
    expect(booked[0].n).toBe(0);
    expectProblem(await request(server).post(`/api/v1/referrals/${withdrawn.id}/cancel`).set('Authorization', kg).send({}), 409);

    // A missed first fraction means treatment has begun: the center decides, nothing changes.
    await db.query(`UPDATE appointments SET status = 'MISSED' WHERE id = (SELECT id FROM appointments WHERE course_id = $1 ORDER BY start LIMIT 1)`, [
      begun.courseId,
    ]);
    const before = await db.query(`SELECT status, count(*)::int AS n FROM appointments WHERE course_id = $1 GROUP BY status ORDER BY status`, [begun.courseId]);
    const refused = await request(server).post(`/api/v1/referrals/${begun.id}/cancel`).set('Authorization', kg).send({});
    expectProblem(refused, 409);
    expect(refused.body.type).toMatch(/course-started$/);
    expect((await request(server).get(`/api/v1/referrals/${begun.id}`).set('Authorization', kg).expect(200)).body).toMatchObject({
      status: 'ACTIVE',
      courseStatus: 'SCHEDULED',
    });
    expect(
      await db.query(`SELECT status, count(*)::int AS n FROM appointments WHERE course_id = $1 GROUP BY status ORDER BY status`, [begun.courseId]),
    ).toEqual(before);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ used: 1, sum_used: 1 });
  });

  it('shows UZ nothing of KG: empty lists, 404 for ids, cannot refer against a KG hold', async () => {
    const [kgRef] = (await request(server).get('/api/v1/referrals').set('Authorization', kg).expect(200)).body as ReferralView[];
    expect(kgRef).toBeDefined();
    expect((await request(server).get('/api/v1/referrals').set('Authorization', uz).expect(200)).body).toEqual([]);
    expectProblem(await request(server).get(`/api/v1/referrals/${kgRef.id}`).set('Authorization', uz), 404);
    expectProblem(await request(server).get(`/api/v1/courses/${kgRef.courseId}`).set('Authorization', uz), 404);
    expectProblem(await request(server).get(`/api/v1/patients/${kgRef.patientId}`).set('Authorization', uz), 404);
    const quota = await grantQuota(t, { countryCode: 'KG', year: 2031, granted: 1 });
    const reservation = await hold(quota.id, 1);
    expectProblem(await request(server).post('/api/v1/referrals').set('Authorization', uz).send(referralBody(reservation.id)), 404);
    expect(await countersAndLedger(db, quota.id)).toMatchObject({ reserved: 1, used: 0 });
    // The admin sees every country's referrals; a coordinator has no referral routes.
    const all = (await request(server).get('/api/v1/referrals').set('Authorization', admin).expect(200)).body as ReferralView[];
    expect(all.length).toBeGreaterThanOrEqual(5);
    expectProblem(await request(server).get('/api/v1/referrals').set('Authorization', coordinator), 403);
  });
  it('lists referrals by quota, status and year, a page at a time; a ministry filtering by another country still sees only its own', async () => {
    const [{ id: quotaId, year }] = await db.query(`SELECT id, year FROM quotas WHERE category = 'REF_RETURNS'`);
    const list = async (query: string, auth = kg) =>
      ((await request(server).get(`/api/v1/referrals?${query}`).set('Authorization', auth).expect(200)).body as ReferralView[]).map((r) => r.status);
    expect((await list(`quotaId=${quotaId}`)).sort()).toEqual(['ACTIVE', 'RETURNED']);
    expect(await list(`quotaId=${quotaId}&status=RETURNED`)).toEqual(['RETURNED']);
    expect(new Set(await list(`year=${year}&status=RETURNED`))).toEqual(new Set(['RETURNED']));
    expect(await list('year=2031')).toEqual([]);
    expect(await list('countryCode=KG', uz)).toEqual([]);

    const ids = async (query: string) =>
      ((await request(server).get(`/api/v1/referrals?${query}`).set('Authorization', admin).expect(200)).body as ReferralView[]).map((r) => r.id);
    const everything = await ids('limit=1000');
    expect(everything.length).toBeGreaterThanOrEqual(5);
    expect([...(await ids('limit=2')), ...(await ids('limit=2&offset=2'))]).toEqual(everything.slice(0, 4));
    expect(await ids(`offset=${everything.length}`)).toEqual([]);

    for (const bad of ['limit=0', 'limit=1001', 'offset=-1', 'limit=0x10', 'status=EXPIRED', 'year=soon', 'quotaId=42', 'countryCode=kg']) {
      expectProblem(await request(server).get(`/api/v1/referrals?${bad}`).set('Authorization', admin), 400);
    }
  });

  it('pages through reservations newest first', async () => {
    const ids = async (query: string) =>
      ((await request(server).get(`/api/v1/reservations?${query}`).set('Authorization', kg).expect(200)).body as { id: string }[]).map((r) => r.id);
    const everything = await ids('limit=1000');
    expect(everything.length).toBeGreaterThanOrEqual(4);
    expect([...(await ids('limit=3')), ...(await ids('limit=3&offset=3'))]).toEqual(everything.slice(0, 6));
    expectProblem(await request(server).get('/api/v1/reservations?limit=0').set('Authorization', kg), 400);
  });
});
