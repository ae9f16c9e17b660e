import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { waitFor } from './scheduling-fixtures';

/** Jobs here wait behind a real worker on a 2-core machine: give them longer than the fixtures' default. */
const JOB_WAIT_MS = 60_000;

const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

interface PreviewFraction {
  appointmentId: string | null;
  courseId: string;
  fraction: number;
  outcome: 'MOVED' | 'CANCELLED' | 'BOOKED';
  to: { roomId: string; start: string } | null;
}

/** `course/fraction -> room@start` (or `-> cancelled`), as the preview says and as the move history records. */
const previewKeys = (fractions: PreviewFraction[]) =>
  fractions.map((f) => `${f.courseId}/${f.fraction} -> ${f.to ? `${f.to.roomId}@${new Date(f.to.start).toISOString()}` : 'cancelled'}`).sort();

/**
 * The administrator's dry runs (issue 19): a preview of declaring, extending and withdrawing a downtime lists
 * exactly the fractions the real change then moves or cancels, and where they go; previews write nothing;
 * a downtime can be changed and withdrawn, and an exact duplicate is refused.
 */
describe('downtimes: preview, change, withdraw', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;
  let ministry: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator, 'ministry-kg': ministry },
    } = await startApiApp({
      role: 'all',
      demoCenter: true,
      users: ['admin', 'coordinator', 'ministry-kg'],
    }));
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const snapshot = async () => ({
    downtimes: await count('downtimes'),
    moves: await count('appointment_moves'),
    audit: await count('audit_log'),
    version: (await db.query(`SELECT coalesce(max(version), 0)::text AS v FROM appointments`))[0].v as string,
  });
  /** What the move history recorded since `since` (an appointment_moves count), keyed like the preview. */
  async function movesSince(since: Date): Promise<string[]> {
    const rows: Array<{ course_id: string; fraction: number; to_room_id: string | null; to_start: Date | null }> = await db.query(
      `SELECT a.course_id, a.fraction, m.to_room_id, m.to_start FROM appointment_moves m JOIN appointments a ON a.id = m.appointment_id WHERE m.at >= $1`,
      [since],
    );
    return rows.map((r) => `${r.course_id}/${r.fraction} -> ${r.to_room_id ? `${r.to_room_id}@${r.to_start!.toISOString()}` : 'cancelled'}`).sort();
  }
  const dbNow = async (): Promise<Date> => (await db.query('SELECT clock_timestamp() AS now'))[0].now;

  async function scheduled(urgency: string, fractions: number, earliestStart: string): Promise<string> {
    const patient = await request(server)
      .post('/api/v1/patients')
      .set('Authorization', coordinator)
      .send({ firstName: 'Aigerim', lastName: 'Preview', birthDate: '1970-05-06', sex: 'female', countryCode: 'KZ' })
      .expect(201);
    const course = await request(server)
      .post('/api/v1/courses')
      .set('Authorization', coordinator)
      .send({ patientId: patient.body.id, diagnosisGroup: 'CNS', urgency, fractions, earliestStart })
      .expect(201);
    await request(server).post(`/api/v1/courses/${course.body.id}/submit`).set('Authorization', coordinator).expect(202);
    await waitFor(
      'the course to be scheduled',
      async () => {
        const res = await request(server).get(`/api/v1/courses/${course.body.id}`).set('Authorization', coordinator);
        return res.body.status === 'SCHEDULED' ? true : undefined;
      },
      JOB_WAIT_MS,
    );
    return course.body.id;
  }
  const waitDone = (id: string) =>
    waitFor(
      'the downtime reschedule',
      async () => {
        const res = await request(server).get(`/api/v1/downtimes/${id}`).set('Authorization', admin).expect(200);
        return res.body.rescheduleStatus === 'PENDING' ? undefined : res.body;
      },
      JOB_WAIT_MS,
    );

  // A Tuesday at least 8 days ahead, with Wednesday and Thursday after it, clear of 16 December.
  let k = 8;
  while (weekday(dateIn(k)) !== 2 || [0, 1, 2].some((i) => dateIn(k + i).endsWith('-12-16'))) k++;
  const day1 = dateIn(k);
  const day2 = dateIn(k + 1);
  const day3 = dateIn(k + 2);
  const wholeLine = { roomId: null, start: `${day1}T00:00:00+05:00`, end: `${day2}T00:00:00+05:00`, kind: 'PLANNED', reason: 'beam line service' };
  let downtimeId: string;

  it('is refused to a coordinator and a ministry (403), and checks its body (400) before computing anything', async () => {
    for (const token of [coordinator, ministry]) {
      await request(server).post('/api/v1/downtimes/preview').set('Authorization', token).send(wholeLine).expect(403);
    }
    const bad = await request(server)
      .post('/api/v1/downtimes/preview')
      .set('Authorization', admin)
      .send({ ...wholeLine, end: wholeLine.start, kind: 'SOMETIMES' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['end', 'kind']);
    await request(server)
      .post('/api/v1/downtimes/preview')
      .set('Authorization', admin)
      .send({ ...wholeLine, start: '1999-01-05T00:00:00+05:00' })
      .expect(400);
    await request(server)
      .post('/api/v1/downtimes/preview')
      .set('Authorization', admin)
      .send({ ...wholeLine, roomId: '00000000-0000-4000-8000-000000000009' })
      .expect(422);
  });

  it('a declaration preview lists exactly the fractions the real downtime then moves or cancels, and where to; the preview writes nothing', async () => {
    for (const [urgency, n] of [
      ['ROUTINE', 10],
      ['URGENT', 8],
      ['ROUTINE', 12],
    ] as const)
      await scheduled(urgency, n, dateIn(k - 6));
    const before = await snapshot();
    const preview = await request(server).post('/api/v1/downtimes/preview').set('Authorization', admin).send(wholeLine).expect(200);
    expect(await snapshot()).toEqual(before);
    expect(preview.body.hit).toBeGreaterThanOrEqual(3);
    expect(preview.body.fractions.filter((f: { hit: boolean }) => f.hit)).toHaveLength(preview.body.hit);
    expect(preview.body.fractions.every((f: { from: { roomName: string } | null }) => !f.from || /^G\d$/.test(f.from.roomName))).toBe(true);

    const since = await dbNow();
    const created = await request(server).post('/api/v1/downtimes').set('Authorization', admin).send(wholeLine).expect(201);
    downtimeId = created.body.id;
    const done = await waitDone(downtimeId);
    expect(done.rescheduleStatus).toBe('DONE');
    expect(await movesSince(since)).toEqual(previewKeys(preview.body.fractions));
    expect(done.rescheduleSummary).toMatchObject({ hit: preview.body.hit, moved: preview.body.moved, cancelled: preview.body.cancelled });
  });

  it('an exact duplicate is refused with 409 and writes nothing', async () => {
    const before = await snapshot();
    const res = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ ...wholeLine, reason: 'typed twice' })
      .expect(409);
    expect(res.body).toMatchObject({ type: 'https://beamtime.example/problems/duplicate-downtime', downtimeId });
    expect(await snapshot()).toEqual(before);
  });

  it('PATCH: bad input is 400, unknown id 404, not an admin 403, making it a twin 409; none writes anything', async () => {
    const other = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ ...wholeLine, start: `${dateIn(k + 60)}T08:00:00+05:00`, end: `${dateIn(k + 60)}T09:00:00+05:00` })
      .expect(201);
    await waitDone(other.body.id);
    const before = await snapshot();
    await request(server)
      .patch(`/api/v1/downtimes/${downtimeId}`)
      .set('Authorization', admin)
      .send({ end: `${day1}T00:00:00+05:00` })
      .expect(400);
    await request(server).patch(`/api/v1/downtimes/${downtimeId}`).set('Authorization', admin).send({ end: null }).expect(400);
    await request(server)
      .post(`/api/v1/downtimes/${downtimeId}/preview`)
      .set('Authorization', admin)
      .send({ start: `${day3}T00:00:00+05:00` })
      .expect(400);
    await request(server).patch('/api/v1/downtimes/00000000-0000-4000-8000-000000000009').set('Authorization', admin).send({ reason: 'x' }).expect(404);
    await request(server).delete('/api/v1/downtimes/00000000-0000-4000-8000-000000000009').set('Authorization', admin).expect(404);
    await request(server).get('/api/v1/downtimes/00000000-0000-4000-8000-000000000009/withdrawal-preview').set('Authorization', admin).expect(404);
    await request(server).patch(`/api/v1/downtimes/${downtimeId}`).set('Authorization', coordinator).send({ reason: 'x' }).expect(403);
    await request(server).delete(`/api/v1/downtimes/${downtimeId}`).set('Authorization', ministry).expect(403);
    await request(server).get(`/api/v1/downtimes/${downtimeId}/withdrawal-preview`).set('Authorization', coordinator).expect(403);
    const twin = await request(server)
      .patch(`/api/v1/downtimes/${other.body.id}`)
      .set('Authorization', admin)
      .send({ start: wholeLine.start, end: wholeLine.end })
      .expect(409);
    expect(twin.body.type).toBe('https://beamtime.example/problems/duplicate-downtime');
    expect(await snapshot()).toEqual(before);
    await request(server).delete(`/api/v1/downtimes/${other.body.id}`).set('Authorization', admin).expect(204);
  });

  it('extending: the preview of the change lists exactly what the reschedule of the newly covered day then moves', async () => {
    const change = { end: `${day3}T00:00:00+05:00` };
    const before = await snapshot();
    const preview = await request(server).post(`/api/v1/downtimes/${downtimeId}/preview`).set('Authorization', admin).send(change).expect(200);
    expect(await snapshot()).toEqual(before);
    expect(preview.body.reschedule.hit).toBeGreaterThan(0);
    expect(preview.body.opened.openedDays).toEqual([]);

    const since = await dbNow();
    const res = await request(server).patch(`/api/v1/downtimes/${downtimeId}`).set('Authorization', admin).send(change).expect(200);
    expect(res.body.downtime.end).toBe(new Date(change.end).toISOString());
    expect(res.body.reschedule).toMatchObject({ jobId: expect.stringMatching(/-2$/), queued: true });
    expect(res.body.opened).toBeNull();
    await waitDone(downtimeId);
    expect(await movesSince(since)).toEqual(previewKeys(preview.body.reschedule.fractions));
  });

  it('withdrawing: the preview lists exactly the fractions the opened-days reschedule pulls back, each onto a freed day', async () => {
    const before = await snapshot();
    const preview = await request(server).get(`/api/v1/downtimes/${downtimeId}/withdrawal-preview`).set('Authorization', admin).expect(200);
    expect(await snapshot()).toEqual(before);
    expect(preview.body.reschedule.fractions).toEqual([]);
    expect(preview.body.opened.openedDays).toEqual([day1, day2]);
    expect(preview.body.opened.fractions.length).toBeGreaterThan(0);
    // Nothing returns to the wrong place: every fraction pulled back lands on a day the withdrawal frees.
    for (const f of preview.body.opened.fractions as PreviewFraction[]) {
      const local = new Date(Date.parse(f.to!.start) + 5 * 3600_000).toISOString().slice(0, 10);
      expect([day1, day2]).toContain(local);
    }

    const since = await dbNow();
    const res = await request(server).delete(`/api/v1/downtimes/${downtimeId}`).set('Authorization', admin).expect(202);
    expect(res.body).toMatchObject({ openedDays: [day1, day2], coursesConcerned: preview.body.opened.coursesConcerned, queued: true });
    await request(server).get(`/api/v1/downtimes/${downtimeId}`).set('Authorization', admin).expect(404);
    const changeId = String(res.body.jobId).replace(/^reschedule-opened-(.+)-\d+$/, '$1');
    await waitFor(
      'the opened-days reschedule',
      async () => {
        const [row] = await db.query(`SELECT 1 FROM audit_log WHERE action = 'calendar.reschedule-opened' AND entity_id = $1`, [changeId]);
        return row ? true : undefined;
      },
      JOB_WAIT_MS,
    );
    expect(await movesSince(since)).toEqual(previewKeys(preview.body.opened.fractions));
    const [audit] = await db.query(`SELECT details FROM audit_log WHERE action = 'downtime.withdraw' AND entity_id = $1`, [downtimeId]);
    expect(audit.details.openedDays).toEqual([day1, day2]);
  });
});
