import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import type { Appt } from './scheduling-fixtures';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The contract between POST /downtimes and the reschedule worker (API and workers in one app):
 * the job the POST enqueues is picked up, the fractions the downtime hits move out of it, and
 * the downtime row ends DONE with a summary.
 */
describe('downtimes: the reschedule job runs', () => {
  let t: TestApp;
  let server: HttpServer;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    ({
      t,
      server,
      auth: { admin, coordinator },
    } = await startApiApp({ role: 'all', demoCenter: true, users: ['admin', 'coordinator'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  /** A new adult's CNS course with these settings, submitted and allocated. */
  async function scheduled(settings: object): Promise<{ id: string; lateStart: boolean }> {
    const patient = await request(server)
      .post('/api/v1/patients')
      .set('Authorization', coordinator)
      .send({ firstName: 'Aigerim', lastName: 'Downtime', birthDate: '1975-02-03', sex: 'female', countryCode: 'KZ' })
      .expect(201);
    const course = await request(server)
      .post('/api/v1/courses')
      .set('Authorization', coordinator)
      .send({ patientId: patient.body.id, diagnosisGroup: 'CNS', ...settings })
      .expect(201);
    await request(server).post(`/api/v1/courses/${course.body.id}/submit`).set('Authorization', coordinator).expect(202);
    return waitFor('the course to be scheduled', async () => {
      const res = await request(server).get(`/api/v1/courses/${course.body.id}`).set('Authorization', coordinator);
      return res.body.status === 'SCHEDULED' ? res.body : undefined;
    });
  }

  it('moves the booked fractions a room downtime hits and marks the reschedule DONE', async () => {
    const course = await scheduled({ urgency: 'ROUTINE', fractions: 5, earliestStart: dateIn(7) });
    const booked = async (): Promise<Appt[]> =>
      (await request(server).get(`/api/v1/courses/${course.id}/appointments`).set('Authorization', coordinator).expect(200)).body.filter(
        (a: Appt) => a.status === 'BOOKED',
      );
    const before = await booked();
    expect(before).toHaveLength(5);
    const hit = before[0];

    const downtime = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: hit.roomId, start: hit.start, end: hit.end, kind: 'UNPLANNED', reason: 'Gantry drive fault' })
      .expect(201);
    expect(downtime.body.queued).toBe(true);
    const done = await waitFor('the reschedule to finish', async () => {
      const res = await request(server).get(`/api/v1/downtimes/${downtime.body.id}`).set('Authorization', admin).expect(200);
      return res.body.rescheduleStatus === 'PENDING' ? undefined : res.body;
    });
    expect(done).toMatchObject({ rescheduleStatus: 'DONE', rescheduledAt: expect.any(String), rescheduleSummary: expect.any(Object) });

    const after = await booked();
    expect(after).toHaveLength(5);
    const [ds, de] = [Date.parse(downtime.body.start), Date.parse(downtime.body.end)];
    const inside = after.filter((a) => a.roomId === hit.roomId && Date.parse(a.start) < de && Date.parse(a.end) > ds);
    expect(inside).toEqual([]);
    const db = t.app.get(DataSource);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM appointments WHERE status = 'BOOKED' AND room_id = $1 AND tstzrange(start, "end") && tstzrange($2::timestamptz, $3::timestamptz)`,
      [hit.roomId, downtime.body.start, downtime.body.end],
    );
    expect(n).toBe(0);
  });

  it('flags a course late when the downtime pushes its first fraction past its due start', async () => {
    // A Tuesday to Thursday at least a week away, clear of the mid-December holiday.
    let k = 7;
    while (![2, 3, 4].includes(new Date(`${dateIn(k)}T12:00:00Z`).getUTCDay()) || dateIn(k).endsWith('-12-16')) k++;
    const day = dateIn(k);
    const course = await scheduled({ urgency: 'URGENT', fractions: 3, earliestStart: day, dueStart: day });
    expect(course.lateStart).toBe(false);

    const downtime = await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: null, start: `${day}T00:00:00+05:00`, end: `${dateIn(k + 1)}T00:00:00+05:00`, kind: 'PLANNED', reason: 'beam line service' })
      .expect(201);
    await waitFor('the reschedule to finish', async () => {
      const res = await request(server).get(`/api/v1/downtimes/${downtime.body.id}`).set('Authorization', admin).expect(200);
      return res.body.rescheduleStatus === 'DONE' ? res.body : undefined;
    });
    const after = (await request(server).get(`/api/v1/courses/${course.id}`).set('Authorization', coordinator).expect(200)).body;
    expect(after.lateStart).toBe(true);
    const appts = (await request(server).get(`/api/v1/courses/${course.id}/appointments`).set('Authorization', coordinator).expect(200)).body;
    expect(appts.filter((a: Appt) => a.status === 'BOOKED')).toHaveLength(3);
    expect(Date.parse(appts[0].start)).toBeGreaterThanOrEqual(Date.parse(`${dateIn(k + 1)}T00:00:00+05:00`));
  });
});
