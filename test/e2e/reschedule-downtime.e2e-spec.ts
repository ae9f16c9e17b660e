import request from 'supertest';
import { bearer } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, createCourse, createPatient, db, insertRooms, schedulingApp, violations, waitFor, waitForCourses } from './scheduling-fixtures';

interface Row {
  id: string;
  room_id: string;
  start: Date;
  status: string;
}

describe('downtime over booked fractions: exactly those move, every rule holds', () => {
  let t: TestApp;
  let api: Api;
  let rooms: string[];
  beforeAll(async () => {
    ({ t, api, rooms } = await schedulingApp(['G1', 'G2']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves every BOOKED fraction inside the downtime, leaves the others, records reasons and a summary', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await createCourse(api, await createPatient(api), { fractions: 10 });
      await api.post(`/courses/${c.id}/submit`).expect(202);
      ids.push(c.id);
    }
    await waitForCourses(t, ids, ['SCHEDULED']);
    const before: Row[] = await db(t).query(`SELECT id, room_id, start, status FROM appointments WHERE status = 'BOOKED' ORDER BY start`);
    // A whole local day of G1, on the day of the third-earliest fraction booked in G1.
    const inG1 = before.filter((a) => a.room_id === rooms[0]);
    expect(inG1.length).toBeGreaterThan(0);
    const day = new Date(inG1[Math.min(2, inG1.length - 1)].start.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
    const start = `${day}T00:00:00+05:00`;
    const end = `${day}T23:59:00+05:00`;
    const hit = before.filter((a) => a.room_id === rooms[0] && a.start.getTime() >= Date.parse(start) && a.start.getTime() < Date.parse(end));
    expect(hit.length).toBeGreaterThan(0);

    const res = await request(t.app.getHttpServer())
      .post('/api/v1/downtimes')
      .set('Authorization', await bearer(t, 'admin'))
      .send({ roomId: rooms[0], start, end, kind: 'UNPLANNED', reason: 'magnet quench' })
      .expect(201);
    const downtime = await waitFor('the reschedule to finish', async () => {
      const [d] = await db(t).query(`SELECT reschedule_status, reschedule_summary FROM downtimes WHERE id = $1`, [res.body.id]);
      return d.reschedule_status === 'PENDING' ? undefined : d;
    });
    expect(downtime.reschedule_status).toBe('DONE');
    expect(downtime.reschedule_summary).toMatchObject({ hit: hit.length, moved: hit.length, cancelled: 0 });

    const after = new Map<string, Row>((await db(t).query(`SELECT id, room_id, start, status FROM appointments`)).map((a: Row) => [a.id, a]));
    const hitIds = new Set(hit.map((a) => a.id));
    for (const a of before) {
      const now = after.get(a.id)!;
      if (hitIds.has(a.id)) {
        expect(now.status).toBe('BOOKED');
        expect(now.room_id === rooms[0] && now.start.getTime() >= Date.parse(start) && now.start.getTime() < Date.parse(end)).toBe(false);
      } else {
        expect([now.room_id, now.start.getTime(), now.status]).toEqual([a.room_id, a.start.getTime(), 'BOOKED']);
      }
    }
    const moves = await db(t).query(`SELECT appointment_id, reason, moved_by FROM appointment_moves`);
    expect(new Set(moves.map((m: { appointment_id: string }) => m.appointment_id))).toEqual(hitIds);
    expect(moves.every((m: { reason: string }) => m.reason.length > 0)).toBe(true);
    expect(await violations(t)).toEqual([]);
  });
});

describe('a PENDING downtime whose job never ran is picked up by the reconciler', () => {
  let t: TestApp;
  let api: Api;
  let rooms: string[];
  beforeAll(async () => {
    t = await createTestApp({ env: { RECONCILER_ENABLED: 'true', RECONCILER_EVERY_MS: '300' } });
    api = await apiFor(t);
    rooms = await insertRooms(t, ['G1']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reschedules it and marks it DONE', async () => {
    const c = await createCourse(api, await createPatient(api), { fractions: 3 });
    await api.post(`/courses/${c.id}/submit`).expect(202);
    await waitForCourses(t, [c.id], ['SCHEDULED']);
    const [first] = await db(t).query(`SELECT start FROM appointments WHERE course_id = $1 ORDER BY start LIMIT 1`, [c.id]);
    // Written as if the API process died between its commit and the enqueue.
    const [d] = await db(t).query(
      `INSERT INTO downtimes (room_id, start_at, end_at, kind, reason, created_by) VALUES ($1, $2, $3, 'UNPLANNED', 'power cut', 'test') RETURNING id`,
      [rooms[0], new Date(first.start.getTime() - 60_000), new Date(first.start.getTime() + 3600_000)],
    );
    const done = await waitFor('the reconciler to run the reschedule', async () => {
      const [row] = await db(t).query(`SELECT reschedule_status, reschedule_summary FROM downtimes WHERE id = $1`, [d.id]);
      return row.reschedule_status === 'PENDING' ? undefined : row;
    });
    expect(done.reschedule_status).toBe('DONE');
    expect(done.reschedule_summary.hit).toBeGreaterThanOrEqual(1);
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE status = 'BOOKED' AND tstzrange(start, "end") && tstzrange($1, $2)`, [
      new Date(first.start.getTime() - 60_000),
      new Date(first.start.getTime() + 3600_000),
    ]);
    expect(n).toBe(0);
  });
});
