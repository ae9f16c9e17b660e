import request from 'supertest';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../../src/center/center-config.service';
import { Course } from '../../src/courses/course.entity';
import { toCourseRequest } from '../../src/courses/course-request.mapper';
import { checkSchedule } from '../../src/scheduling';
import type { Booking, Violation } from '../../src/scheduling';
import { bearer, seedDemoUsers } from '../support/auth';
import { createTestApp, TestApp, TestAppOptions } from '../support/test-app';

/** Shared set-up for the courses/allocation/appointments/reschedule e2e files. */
export interface Api {
  get(path: string, user?: 'coordinator' | 'admin' | 'ministry-kg' | 'ministry-uz'): request.Test;
  post(path: string, body?: object, user?: 'coordinator' | 'admin' | 'ministry-kg' | 'ministry-uz'): request.Test;
  put(path: string, body?: object, user?: 'coordinator' | 'admin' | 'ministry-kg' | 'ministry-uz'): request.Test;
  patch(path: string, body?: object, user?: 'coordinator' | 'admin' | 'ministry-kg' | 'ministry-uz'): request.Test;
  delete(path: string, user?: 'coordinator' | 'admin' | 'ministry-kg' | 'ministry-uz'): request.Test;
}

export async function apiFor(t: TestApp): Promise<Api> {
  await seedDemoUsers(t);
  const tokens = {
    coordinator: await bearer(t, 'coordinator'),
    admin: await bearer(t, 'admin'),
    'ministry-kg': await bearer(t, 'ministry-kg'),
    'ministry-uz': await bearer(t, 'ministry-uz'),
  };
  const server = t.app.getHttpServer();
  return {
    get: (path, user = 'coordinator') => request(server).get(`/api/v1${path}`).set('Authorization', tokens[user]),
    post: (path, body = {}, user = 'coordinator') => request(server).post(`/api/v1${path}`).set('Authorization', tokens[user]).send(body),
    put: (path, body = {}, user = 'coordinator') => request(server).put(`/api/v1${path}`).set('Authorization', tokens[user]).send(body),
    patch: (path, body = {}, user = 'coordinator') => request(server).patch(`/api/v1${path}`).set('Authorization', tokens[user]).send(body),
    delete: (path, user = 'coordinator') => request(server).delete(`/api/v1${path}`).set('Authorization', tokens[user]),
  };
}

export function db(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

/** Rooms are the center area's; tests insert them directly to stay independent of that API. */
export async function insertRooms(t: TestApp, names: string[], kind: 'GANTRY' | 'FIXED_BEAM' = 'GANTRY'): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const [row] = await db(t).query(`INSERT INTO rooms (name, kind) VALUES ($1, $2) RETURNING id`, [name, kind]);
    ids.push(row.id);
  }
  return ids;
}

/** A test app with the demo users and these rooms: the usual set-up of a scheduling e2e file. */
export async function schedulingApp(rooms: string[], options: TestAppOptions = {}): Promise<{ t: TestApp; api: Api; rooms: string[] }> {
  const t = await createTestApp(options);
  const api = await apiFor(t);
  return { t, api, rooms: await insertRooms(t, rooms) };
}

/** A date `days` after today (UTC), 'YYYY-MM-DD'. */
export function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function createPatient(api: Api, overrides: object = {}): Promise<string> {
  const res = await api.post('/patients', {
    firstName: 'Aigerim',
    lastName: 'Testova',
    birthDate: '1980-05-01',
    sex: 'female',
    countryCode: 'KZ',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`create patient: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function createCourse(api: Api, patientId: string, overrides: object = {}): Promise<Course> {
  const res = await api.post('/courses', { patientId, diagnosisGroup: 'CNS', urgency: 'ROUTINE', fractions: 5, earliestStart: dateIn(3), ...overrides });
  if (res.status !== 201) throw new Error(`create course: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** One appointment as the API lists it. */
export interface Appt {
  id: string;
  fraction: number;
  roomId: string;
  start: string;
  end: string;
  status: string;
}

/** A new patient's course of `fractions`, submitted and allocated, with its appointments. */
export async function scheduledCourse(t: TestApp, api: Api, fractions: number): Promise<{ courseId: string; appts: Appt[] }> {
  const course = await createCourse(api, await createPatient(api), { fractions });
  await api.post(`/courses/${course.id}/submit`).expect(202);
  await waitForCourses(t, [course.id], ['SCHEDULED']);
  return { courseId: course.id, appts: (await api.get(`/courses/${course.id}/appointments`).expect(200)).body };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function waitForCourses(t: TestApp, ids: string[], settled: string[], ms = 30000): Promise<Course[]> {
  return waitFor(
    `${ids.length} course(s) to reach ${settled.join('|')}`,
    async () => {
      const rows = await db(t)
        .getRepository(Course)
        .findBy(ids.map((id) => ({ id })));
      return rows.length === ids.length && rows.every((c) => settled.includes(c.status)) ? rows : undefined;
    },
    ms,
  );
}

/** Runs the core's own rule checker over everything BOOKED or DELIVERED in the database. */
export async function violations(t: TestApp, onlyCourses?: string[]): Promise<Violation[]> {
  const rows: Array<Record<string, never>> = await db(t).query(
    `SELECT a.*, p.birth_date::text AS birth_date FROM appointments a JOIN courses c ON c.id = a.course_id JOIN patients p ON p.id = c.patient_id
      WHERE a.status IN ('BOOKED','DELIVERED','MISSED') AND ($1::uuid[] IS NULL OR a.course_id = ANY($1))`,
    [onlyCourses ?? null],
  );
  const bookings: Booking[] = rows.map((r) => ({
    id: r.id,
    courseId: r.course_id,
    fraction: r.fraction,
    roomId: r.room_id,
    start: new Date(r.start).toISOString(),
    end: new Date(r.end).toISOString(),
    beamStart: new Date(r.beam_start).toISOString(),
    beamEnd: new Date(r.beam_end).toISOString(),
    anesthesia: r.anesthesia,
    status: r.status,
  }));
  const courses = await db(t).getRepository(Course).find();
  const births = new Map<string, string>(
    (await db(t).query(`SELECT id, birth_date::text AS birth_date FROM patients`)).map((p: { id: string; birth_date: string }) => [p.id, p.birth_date]),
  );
  const requests = courses
    .filter((c) => c.submittedAt && (!onlyCourses || onlyCourses.includes(c.id)))
    .map((c) => toCourseRequest(c, births.get(c.patientId)!));
  const center = await t.app.get(CenterConfigService).load();
  return checkSchedule(center, bookings, requests);
}

/** Pairs of BOOKED appointments overlapping in one room or on one beam line — must always be zero. */
export async function overlaps(t: TestApp): Promise<number> {
  const [{ n }] = await db(t).query(`
    SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.id < b.id
     WHERE a.status = 'BOOKED' AND b.status = 'BOOKED'
       AND ((a.room_id = b.room_id AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end"))
         OR (a.beam_line = b.beam_line AND tstzrange(a.beam_start, a.beam_end) && tstzrange(b.beam_start, b.beam_end)))`);
  return n;
}

/**
 * Sessions of this client's database waiting for an advisory lock (a worker parked on the bookings
 * lock). pg_locks spans the cluster, and other test files lock in their own databases at the same time.
 */
export async function advisoryLockWaiters(client: { query(sql: string): Promise<{ rows: Array<{ n: number }> }> }): Promise<number> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows[0].n;
}
