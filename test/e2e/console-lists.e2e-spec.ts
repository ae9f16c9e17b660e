import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, db, scheduledCourse, schedulingApp } from './scheduling-fixtures';

const almaty = (iso: string) => {
  const local = new Date(Date.parse(iso) + 5 * 3600_000).toISOString();
  return { localDate: local.slice(0, 10), localTime: local.slice(11, 16) };
};
const ids = (body: Array<{ id: string }>) => body.map((c) => c.id).sort();

describe('console lists: courses with names, progress and filters; move history and worklist; appointments by local day', () => {
  let t: TestApp;
  let api: Api;
  let scheduled: { courseId: string; appts: Array<{ id: string; roomId: string; start: string; end: string; fraction: number }> };
  let draftId: string;
  let patientId: string;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1', 'G2']));
    scheduled = await scheduledCourse(t, api, 3);
    patientId = await createPatient(api, { firstName: 'Zhanar', lastName: 'Listova', mrn: 'MRN-LIST-7', birthDate: '2015-06-01' });
    draftId = (await createCourse(api, patientId, { urgency: 'URGENT' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('enriches each course: patient, delivered/booked, first and last fraction in local time, flags; X-Total-Count', async () => {
    const res = await api.get('/courses').expect(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.headers['x-total-count']).toBe('2');
    const course = res.body.find((c: { id: string }) => c.id === scheduled.courseId);
    const first = scheduled.appts[0];
    const last = scheduled.appts[2];
    expect(course).toMatchObject({
      status: 'SCHEDULED',
      urgency: 'ROUTINE',
      diagnosisGroup: 'CNS',
      lateStart: expect.any(Boolean),
      patient: { fullName: 'Aigerim Testova', birthDate: '1980-05-01', countryCode: 'KZ', mrn: null },
      delivered: 0,
      booked: 3,
      needsRebooking: false,
      pediatric: false,
      firstFraction: almaty(first.start),
      lastFraction: almaty(last.start),
    });
    expect(Date.parse(course.firstFraction.start)).toBe(Date.parse(first.start));
    const draft = res.body.find((c: { id: string }) => c.id === draftId);
    expect(draft).toMatchObject({
      status: 'DRAFT',
      booked: 0,
      delivered: 0,
      firstFraction: null,
      lastFraction: null,
      pediatric: true,
      patient: { id: patientId, fullName: 'Zhanar Listova', mrn: 'MRN-LIST-7' },
    });
    expect((await api.get(`/patients/${patientId}`).expect(200)).body).toMatchObject({ fullName: 'Zhanar Listova', firstName: 'Zhanar', lastName: 'Listova' });
    const paged = await api.get('/courses?limit=1&offset=1').expect(200);
    expect(paged.body).toHaveLength(1);
    expect(paged.headers['x-total-count']).toBe('2');
  });

  it('filters by several statuses, urgency, lateStart, needsRebooking, first-fraction days and a search', async () => {
    expect(ids((await api.get('/courses?status=DRAFT&status=SCHEDULED').expect(200)).body)).toEqual([draftId, scheduled.courseId].sort());
    expect(ids((await api.get('/courses?status=DRAFT,QUEUED').expect(200)).body)).toEqual([draftId]);
    expect(ids((await api.get('/courses?urgency=URGENT').expect(200)).body)).toEqual([draftId]);
    expect(ids((await api.get('/courses?urgency=ROUTINE,EMERGENCY').expect(200)).body)).toEqual([scheduled.courseId]);
    const late = (await api.get('/courses?lateStart=true').expect(200)).body;
    const notLate = (await api.get('/courses?lateStart=false').expect(200)).body;
    expect(ids([...late, ...notLate])).toEqual([draftId, scheduled.courseId].sort());
    expect(ids(notLate)).toContain(draftId);
    expect((await api.get('/courses?needsRebooking=true').expect(200)).body).toEqual([]);
    const day = almaty(scheduled.appts[0].start).localDate;
    expect(ids((await api.get(`/courses?from=${day}&to=${day}`).expect(200)).body)).toEqual([scheduled.courseId]);
    expect((await api.get(`/courses?to=2020-01-01`).expect(200)).body).toEqual([]);
    expect(ids((await api.get('/courses?search=listov').expect(200)).body)).toEqual([draftId]);
    expect(ids((await api.get('/courses?search=mrn-list').expect(200)).body)).toEqual([draftId]);
    expect(ids((await api.get('/courses?search=zhanar%20list').expect(200)).body)).toEqual([draftId]);
    expect((await api.get('/courses?search=%25').expect(200)).body).toEqual([]);
    for (const q of ['status=NOPE', 'status=DRAFT,NOPE', 'urgency=SOON', 'lateStart=maybe', 'from=2027-02-30', 'search=']) {
      const res = await api.get(`/courses?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
  });

  it('answers one course with patient and progress, its fractions with room names and local times', async () => {
    const one = (await api.get(`/courses/${scheduled.courseId}`).expect(200)).body;
    expect(one).toMatchObject({ id: scheduled.courseId, patient: { fullName: 'Aigerim Testova' }, booked: 3, delivered: 0 });
    const fractions = (await api.get(`/courses/${scheduled.courseId}/appointments`).expect(200)).body;
    expect(fractions).toHaveLength(3);
    for (const f of fractions) {
      expect(f).toMatchObject({
        roomName: expect.stringMatching(/^G[12]$/),
        status: 'BOOKED',
        ...almaty(f.start),
        localEndTime: almaty(f.end).localTime,
        patient: { fullName: 'Aigerim Testova' },
      });
    }
  });

  it('lists a course move history and the worklist since a moment, newest first, with reasons and local forms', async () => {
    const since = new Date().toISOString();
    const target = scheduled.appts[2];
    const alternatives = (await api.get(`/appointments/${target.id}/alternatives?limit=1`).expect(200)).body;
    expect(alternatives).toHaveLength(1);
    await api.post(`/appointments/${target.id}/move`, { roomId: alternatives[0].roomId, start: alternatives[0].start, reason: 'patient request' }).expect(200);
    await api.post(`/appointments/${target.id}/move`, { roomId: target.roomId, start: target.start }).expect(200);

    const history = (await api.get(`/courses/${scheduled.courseId}/moves`).expect(200)).body;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      appointmentId: target.id,
      courseId: scheduled.courseId,
      fraction: target.fraction,
      fractions: 3,
      patient: { fullName: 'Aigerim Testova' },
      from: { roomId: target.roomId, ...almaty(target.start) },
      to: { roomId: alternatives[0].roomId, roomName: alternatives[0].roomName, localDate: alternatives[0].localDate, localTime: alternatives[0].localTime },
      cancelled: false,
      reasonKind: 'MANUAL',
      reason: 'patient request',
      by: 'coordinator',
    });
    expect(history[1]).toMatchObject({ reason: 'moved by coordinator', reasonKind: 'MANUAL', to: { roomId: target.roomId, ...almaty(target.start) } });
    expect((await api.get(`/appointments/${target.id}/moves`).expect(200)).body.map((m: { id: string }) => m.id)).toEqual(
      history.map((m: { id: string }) => m.id),
    );

    const worklist = await api.get(`/moves?since=${encodeURIComponent(since)}`).expect(200);
    expect(worklist.headers['x-total-count']).toBe('2');
    expect(worklist.body.map((m: { id: string }) => m.id)).toEqual([history[1].id, history[0].id]);
    expect((await api.get(`/moves?since=${encodeURIComponent(since)}&limit=1&offset=1`).expect(200)).body.map((m: { id: string }) => m.id)).toEqual([
      history[0].id,
    ]);
    expect((await api.get(`/moves?since=${encodeURIComponent(since)}&until=${encodeURIComponent(since)}`)).status).toBe(400);
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect((await api.get(`/moves?since=${encodeURIComponent(later)}`).expect(200)).body).toEqual([]);
    await api.get('/moves').expect(400);
    await api.get(`/moves?since=${encodeURIComponent(since)}`, 'ministry-kg').expect(403);
    await api.get(`/courses/00000000-0000-4000-8000-000000000000/moves`).expect(404);
  });

  it('lists appointments of whole local days (to inclusive) with room and patient names', async () => {
    const first = scheduled.appts[0];
    const day = almaty(first.start).localDate;
    const res = await api.get(`/appointments?from=${day}&to=${day}`).expect(200);
    expect(res.body.map((a: { id: string }) => a.id)).toContain(first.id);
    for (const a of res.body) expect(a.localDate).toBe(day);
    expect(res.body.find((a: { id: string }) => a.id === first.id)).toMatchObject({
      roomName: expect.stringMatching(/^G[12]$/),
      patient: { fullName: 'Aigerim Testova' },
      ...almaty(first.start),
    });
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE (start AT TIME ZONE 'Asia/Almaty')::date = $1`, [day]);
    expect(res.body).toHaveLength(n);
  });
});
