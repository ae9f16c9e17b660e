import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, dateIn, db, schedulingApp } from './scheduling-fixtures';

describe('courses and patients over HTTP (validation, roles, state)', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1'], { role: 'api' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates and finds a patient by name and MRN', async () => {
    const id = await createPatient(api, { firstName: 'Dana', lastName: 'Searchable', mrn: 'MRN-0001' });
    const byName = await api.get('/patients?search=searchab').expect(200);
    expect(byName.body.map((p: { id: string }) => p.id)).toEqual([id]);
    const byMrn = await api.get('/patients?search=MRN-0001').expect(200);
    expect(byMrn.body[0]).toMatchObject({ id, firstName: 'Dana', birthDate: expect.any(String), sex: 'female', countryCode: 'KZ' });
    await api.get(`/patients/${id}`).expect(200);
  });

  it('rejects bad input with problem+json 400 listing the fields', async () => {
    const res = await api.post('/patients', { firstName: '', lastName: 'X', birthDate: '1980-13-45', sex: 'F', countryCode: 'kz', extra: 1 }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['birthDate', 'countryCode', 'extra', 'firstName', 'sex']);
    const patientId = await createPatient(api);
    const course = await api
      .post('/courses', { patientId, diagnosisGroup: 'BRAIN', urgency: 'SOON', fractions: 46, fractionsPerWeek: 0, earliestStart: 'tomorrow' })
      .expect(400);
    expect(course.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'diagnosisGroup',
      'earliestStart',
      'fractions',
      'fractionsPerWeek',
      'urgency',
    ]);
    await api.get('/courses/not-a-uuid').expect(400);
    const feb30 = await api.post('/courses', { patientId, diagnosisGroup: 'CNS', urgency: 'ROUTINE', fractions: 5, earliestStart: '2027-02-30' }).expect(400);
    expect(feb30.body.errors.map((e: { field: string }) => e.field)).toEqual(['earliestStart']);
  });

  it('pages the course list with decimal integers only, within sane bounds (400 validation otherwise)', async () => {
    await api.get('/courses?limit=16&offset=0').expect(200);
    for (const [query, field] of [
      ['limit=0x10', 'limit'],
      ['limit=1e1', 'limit'],
      ['limit=%2B5', 'limit'],
      ['offset=0x10', 'offset'],
      ['offset=1e20', 'offset'],
      ['offset=100000000000000000000', 'offset'],
      ['offset=1000001', 'offset'],
    ]) {
      const res = await api.get(`/courses?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(/\/validation$/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('answers 409 for a duplicate MRN and 422 for an unknown patient, writing nothing', async () => {
    await createPatient(api, { mrn: 'MRN-DUP' });
    const before = await counts();
    const dup = await api
      .post('/patients', { firstName: 'A', lastName: 'B', birthDate: '1990-01-01', sex: 'male', countryCode: 'KZ', mrn: 'MRN-DUP' })
      .expect(409);
    expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
    await api
      .post('/courses', {
        patientId: '00000000-0000-4000-8000-000000000000',
        diagnosisGroup: 'CNS',
        urgency: 'ROUTINE',
        fractions: 5,
        earliestStart: dateIn(3),
      })
      .expect(422);
    expect(await counts()).toEqual(before);
  });

  it('fills SPEC defaults: child 40 min, anesthesia 50 min, due start by urgency', async () => {
    const child = await createPatient(api, { birthDate: dateIn(-365 * 6) });
    const c1 = await createCourse(api, child, { urgency: 'URGENT' });
    expect(c1).toMatchObject({ status: 'DRAFT', fractionMinutes: 40, fractionsPerWeek: 5, beamMinutes: 8, beamOffsetMinutes: 10, submissionNo: 0 });
    expect(c1.dueStart > c1.earliestStart).toBe(true);
    const c2 = await createCourse(api, child, { requiresAnesthesia: true, fractions: 30 });
    expect(c2.fractionMinutes).toBe(50);
    const adult = await createPatient(api);
    expect((await createCourse(api, adult)).fractionMinutes).toBe(30);
  });

  it('submits: 202 QUEUED with submission number; a second submit is 409; coordinator-only routes refuse a ministry', async () => {
    const course = await createCourse(api, await createPatient(api));
    const res = await api.post(`/courses/${course.id}/submit`).expect(202);
    expect(res.body).toEqual({ id: course.id, status: 'QUEUED', submissionNo: 1 });
    const stored = await api.get(`/courses/${course.id}`).expect(200);
    expect(stored.body).toMatchObject({ status: 'QUEUED', submissionNo: 1, submittedAt: expect.any(String) });
    const again = await api.post(`/courses/${course.id}/submit`).expect(409);
    expect(again.body.courseStatus).toBe('QUEUED');
    await api.post(`/courses/${course.id}/submit`, {}, 'ministry-kg').expect(403);
    const listed = await api.get('/courses?status=QUEUED').expect(200);
    expect(listed.body.map((c: { id: string }) => c.id)).toContain(course.id);
  });

  it('hides unreferred patients and courses from a ministry (404, not 403)', async () => {
    const patientId = await createPatient(api);
    const course = await createCourse(api, patientId);
    await api.get(`/patients/${patientId}`, 'ministry-kg').expect(404);
    await api.get(`/courses/${course.id}`, 'ministry-kg').expect(404);
    await api.get(`/courses/${course.id}/appointments`, 'ministry-kg').expect(404);
    expect((await api.get('/courses', 'ministry-kg').expect(200)).body).toEqual([]);
    await db(t).query(`UPDATE courses SET referral_country_code = 'KG' WHERE id = $1`, [course.id]);
    await api.get(`/courses/${course.id}`, 'ministry-kg').expect(200);
    await api.get(`/courses/${course.id}/appointments`, 'ministry-kg').expect(200);
    await api.get(`/courses/${course.id}`, 'ministry-uz').expect(404);
  });

  it('cancels a draft, writes an audit row, and refuses to cancel twice', async () => {
    const course = await createCourse(api, await createPatient(api));
    const res = await api.post(`/courses/${course.id}/cancel`, { reason: 'withdrawn' }).expect(200);
    expect(res.body.status).toBe('CANCELLED');
    await api.post(`/courses/${course.id}/cancel`).expect(409);
    const audit = await db(t).query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [course.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['course.create', 'course.cancel']);
  });

  it('documents the routes and the course schema in OpenAPI', async () => {
    const request = (await import('supertest')).default;
    const doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/patients',
      '/api/v1/courses',
      '/api/v1/courses/{id}/submit',
      '/api/v1/courses/{id}/cancel',
      '/api/v1/appointments/{id}/move',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.schemas.CourseView.properties.status.enum).toContain('UNSCHEDULABLE');
    expect(doc.components.schemas.CreateCourseDto.required).toEqual(expect.arrayContaining(['patientId', 'fractions', 'earliestStart']));
  });

  async function counts(): Promise<number[]> {
    const [row] = await db(t).query(
      `SELECT (SELECT count(*) FROM patients)::int AS p, (SELECT count(*) FROM courses)::int AS c, (SELECT count(*) FROM audit_log)::int AS a`,
    );
    return [row.p, row.c, row.a];
  }
});
