import request from 'supertest';
import { DataSource } from 'typeorm';
import { clock } from '../../src/common/center-clock';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { expectProblem } from './quotas-support';

/**
 * Patients, courses, countries and ministry accounts refuse implausible values with a 4xx
 * problem and write nothing: future or ancient birth dates, blank names, unknown countries, text
 * that cannot be stored as sent (lone surrogates), course dates outside the planning window.
 * "Today" is pinned to 27 Nov 2026 in Almaty so the boundaries are exact.
 */
describe('plausible patients, courses, countries and ministry accounts', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;

  // 20:00 UTC on 26 November is already the 27th in Almaty.
  const NOW = '2026-11-26T20:00:00Z';
  const TODAY = '2026-11-27';

  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM patients)::int AS patients, (SELECT count(*) FROM courses)::int AS courses,
                (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM countries)::int AS countries,
                (SELECT count(*) FROM audit_log)::int AS audit`,
      )
    )[0] as Record<string, number>;
  const post = (path: string, body: object, auth = coordinator) => request(server).post(`/api/v1${path}`).set('Authorization', auth).send(body);
  const patient = (overrides: object = {}) => ({
    firstName: 'Aigerim',
    lastName: 'Testova',
    birthDate: '1980-05-01',
    sex: 'female',
    countryCode: 'KZ',
    ...overrides,
  });
  const course = (patientId: string, overrides: object = {}) => ({
    patientId,
    diagnosisGroup: 'CNS',
    urgency: 'ROUTINE',
    fractions: 5,
    earliestStart: '2026-12-07',
    ...overrides,
  });

  /** The problem's fields (validation) or field (422), so each case names what it refused. */
  const fieldsOf = (body: { errors?: Array<{ field: string }>; field?: string }) => (body.errors ? body.errors.map((e) => e.field) : [body.field]);

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator },
    } = await startApiApp({ role: 'api', users: ['admin', 'coordinator'] }));
    // A room, so working days exist to count a due date in.
    await db.query(`INSERT INTO rooms (name, kind) VALUES ('G1', 'GANTRY')`);
  });
  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(NOW));
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a birth date tomorrow', { birthDate: '2026-11-28' }, 422, /date-out-of-range$/, ['birthDate']],
    ['a birth date in 2099', { birthDate: '2099-01-01' }, 422, /date-out-of-range$/, ['birthDate']],
    ['a birth date 131 years ago', { birthDate: '1895-11-26' }, 422, /date-out-of-range$/, ['birthDate']],
    ['a whitespace-only last name', { lastName: '   ' }, 400, /validation$/, ['lastName']],
    ['a tab as first name', { firstName: '\t' }, 400, /validation$/, ['firstName']],
    ['a country that does not exist', { countryCode: 'ZZ' }, 422, /unknown-country$/, ['countryCode']],
    ['a lone high surrogate in the MRN', { mrn: 'MRN-\ud800' }, 400, /validation$/, ['mrn']],
    ['a lone low surrogate in a name', { firstName: 'A\udc00' }, 400, /validation$/, ['firstName']],
    ['a first name of zero-width spaces', { firstName: '\u200B\u200B' }, 400, /validation$/, ['firstName']],
    ['a last name of invisible joiners and a BOM', { lastName: '\u200C\u200D\u2060\uFEFF' }, 400, /validation$/, ['lastName']],
    ['a BEL in a first name', { firstName: 'Ali\u0007' }, 400, /validation$/, ['firstName']],
    ['an ESC sequence in the MRN', { mrn: '\u001B[2JMRN-1' }, 400, /validation$/, ['mrn']],
  ])('refuses a patient with %s and writes nothing', async (_name, overrides, status, type, fields) => {
    const before = await counts();
    const res = await post('/patients', patient(overrides));
    expectProblem(res, status);
    expect(res.body.type).toMatch(type);
    expect(fieldsOf(res.body)).toEqual(fields);
    expect(await counts()).toEqual(before);
  });

  it('accepts a patient born today, one from a country without a quota agreement, and a surrogate pair (a real emoji) in a name', async () => {
    await post('/patients', patient({ birthDate: TODAY })).expect(201);
    // Russia is not in `countries` (only quota partners and Kazakhstan are): patients come from anywhere.
    await post('/patients', patient({ countryCode: 'RU', mrn: 'MRN-RU' })).expect(201);
    const res = await post('/patients', patient({ firstName: 'Aigerim \ud83c\udf38', mrn: 'MRN-PAIR' })).expect(201);
    expect(res.body.firstName).toBe('Aigerim \u{1F338}');
    // A zero-width non-joiner inside a name is spelling (Persian), not an invisible name.
    await post('/patients', patient({ firstName: 'Mi\u200Cxah', mrn: 'MRN-ZWNJ' })).expect(201);
  });

  it.each([
    ['earliestStart 9999-12-31', { earliestStart: '9999-12-31' }, /date-out-of-range$/, 'earliestStart'],
    ['earliestStart 91 days back', { earliestStart: '2026-08-28' }, /date-out-of-range$/, 'earliestStart'],
    ['earliestStart a day beyond 2 years', { earliestStart: '2028-11-28' }, /date-out-of-range$/, 'earliestStart'],
    ['dueStart 9999-12-31', { dueStart: '9999-12-31' }, /date-out-of-range$/, 'dueStart'],
    ['earliestStart before the patient was born', { earliestStart: '2026-09-01' }, /course-before-birth$/, 'earliestStart'],
  ])('refuses a course with %s (422) and writes nothing', async (_name, overrides, type, field) => {
    const newborn = await post('/patients', patient({ birthDate: '2026-10-01', lastName: 'Newborn' })).expect(201);
    const before = await counts();
    const res = await post('/courses', course(newborn.body.id, overrides));
    expectProblem(res, 422);
    expect(res.body.type).toMatch(type);
    expect(res.body.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('accepts the window edges: 90 days back and exactly 2 years ahead, whose due date comes back as a real date', async () => {
    const adult = (await post('/patients', patient()).expect(201)).body.id as string;
    await post('/courses', course(adult, { earliestStart: '2026-08-29' })).expect(201);
    const far = await post('/courses', course(adult, { earliestStart: '2028-11-27' })).expect(201);
    const stored = await request(server).get(`/api/v1/courses/${far.body.id}`).set('Authorization', coordinator).expect(200);
    expect(stored.body.dueStart).toMatch(/^2028-12-\d\d$/);
  });

  it('binds ministry accounts only to existing countries (422 unknown-country), on create and on update', async () => {
    const before = await counts();
    for (const countryCode of ['ZZ', 'XX', 'TJ']) {
      const res = await post('/users', { username: `min-${countryCode.toLowerCase()}`, password: 'long-enough-pw', role: 'MINISTRY', countryCode }, admin);
      expectProblem(res, 422);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/unknown-country$/), field: 'countryCode' });
    }
    expect(await counts()).toEqual(before);

    const staff = await post('/users', { username: 'staff-1', password: 'long-enough-pw', role: 'COORDINATOR' }, admin).expect(201);
    const row = async () => (await db.query('SELECT role, country_code FROM users WHERE id = $1', [staff.body.id]))[0];
    const audits = (await counts()).audit;
    const patched = await request(server).patch(`/api/v1/users/${staff.body.id}`).set('Authorization', admin).send({ role: 'MINISTRY', countryCode: 'XX' });
    expectProblem(patched, 422);
    expect(patched.body.type).toMatch(/unknown-country$/);
    expect(await row()).toEqual({ role: 'COORDINATOR', country_code: null });
    expect((await counts()).audit).toBe(audits);
    await request(server).patch(`/api/v1/users/${staff.body.id}`).set('Authorization', admin).send({ role: 'MINISTRY', countryCode: 'UZ' }).expect(200);
  });

  it('adds only ISO 3166-1 countries (422 unknown-country for ZZ, XX, SU) with a real name', async () => {
    const before = await counts();
    for (const code of ['ZZ', 'XX', 'SU']) {
      const res = await post('/countries', { code, name: 'Nowhere' }, admin);
      expectProblem(res, 422);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/unknown-country$/), field: 'code' });
    }
    for (const name of ['  ', '\u200B', 'Tajik\u0007istan']) {
      const blank = await post('/countries', { code: 'TJ', name }, admin);
      expectProblem(blank, 400);
      expect(fieldsOf(blank.body)).toEqual(['name']);
    }
    expect(await counts()).toEqual(before);
    await post('/countries', { code: 'TJ', name: 'Tajikistan' }, admin).expect(201);
    await post('/users', { username: 'min-tj', password: 'long-enough-pw', role: 'MINISTRY', countryCode: 'TJ' }, admin).expect(201);
  });
});
