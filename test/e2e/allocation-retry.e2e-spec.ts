import { JOBS, jobId } from '../../src/queue/jobs/job-catalog';
import { JobRepository } from '../../src/queue/job.repository';
import { QUEUES } from '../../src/queue/queue-names';
import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, db, overlaps, schedulingApp, violations, waitFor, waitForCourses } from './scheduling-fixtures';

describe('allocation when the database refuses its rows', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('retries with fresh data after an exclusion-constraint refusal (23P01): a booking the worker could not know about makes the first attempt fail; the retry books around it', async () => {
    const a = await createCourse(api, await createPatient(api), { fractions: 5 });
    await api.post(`/courses/${a.id}/submit`).expect(202);
    await waitForCourses(t, [a.id], ['SCHEDULED']);
    const [first] = await db(t).query(`SELECT * FROM appointments WHERE course_id = $1 AND fraction = 1`, [a.id]);
    // Free A's slots (the worker sees this change), then put a row over A's whole first day with an
    // old version, as a writer bypassing the bookings lock would: the worker's incremental view misses it.
    await db(t).query(`UPDATE appointments SET status = 'CANCELLED' WHERE course_id = $1`, [a.id]);
    const dayStart = new Date(first.start.getTime() - 3 * 3600_000);
    const dayEnd = new Date(first.start.getTime() + 3 * 3600_000);
    await db(t).query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, version)
       VALUES ($1, 1, $2, $3, $4, $5, $6, 'main', 0)`,
      [a.id, first.room_id, dayStart, dayEnd, first.beam_start, first.beam_end],
    );

    const b = await createCourse(api, await createPatient(api), { fractions: 5 });
    await api.post(`/courses/${b.id}/submit`).expect(202);
    const [done] = await waitForCourses(t, [b.id], ['SCHEDULED', 'UNSCHEDULABLE']);
    expect(done.status).toBe('SCHEDULED');
    const job = await waitFor('the job result', async () => {
      const j = await t.app
        .get(JobRepository)
        .queue(QUEUES.allocation)
        .getJob(jobId(JOBS.allocateCourse, { courseId: b.id, submissionNo: 1 }));
      return j?.returnvalue ? j : undefined;
    });
    expect(job.returnvalue).toMatchObject({ outcome: 'SCHEDULED', attempts: 2 });
    expect(await overlaps(t)).toBe(0);
    expect(await violations(t, [b.id])).toEqual([]);
  });

  it('refused on every attempt: settles the course as UNSCHEDULABLE with a reason instead of leaving it QUEUED for ever; it can be submitted again', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 5 });
    // A rule the worker cannot get past however often it retries (a check violation, 23514).
    await db(t).query(`
      CREATE FUNCTION refuse_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'bookings refused for this test' USING ERRCODE = '23514'; END $$;
      CREATE TRIGGER refuse_bookings BEFORE INSERT ON appointments FOR EACH ROW EXECUTE FUNCTION refuse_bookings();`);
    await api.post(`/courses/${course.id}/submit`).expect(202);
    const [failed] = await waitForCourses(t, [course.id], ['UNSCHEDULABLE', 'SCHEDULED'], 60_000);
    expect(failed.status).toBe('UNSCHEDULABLE');
    const shown = (await api.get(`/courses/${course.id}`).expect(200)).body;
    expect(shown.reason).toMatch(
      /^Allocation failed: the database refused the bookings on all 5 attempts \(bookings refused for this test\)\. Submit the course again/,
    );
    expect(await db(t).query(`SELECT 1 FROM appointments WHERE course_id = $1`, [course.id])).toHaveLength(0);
    const audit = await db(t).query(`SELECT details FROM audit_log WHERE action = 'course.unschedulable' AND entity_id = $1`, [course.id]);
    expect(audit).toHaveLength(1);

    await db(t).query(`DROP TRIGGER refuse_bookings ON appointments; DROP FUNCTION refuse_bookings();`);
    await api.post(`/courses/${course.id}/submit`).expect(202);
    const [again] = await waitForCourses(t, [course.id], ['SCHEDULED']);
    expect(again.status).toBe('SCHEDULED');
    expect(await violations(t, [course.id])).toEqual([]);
  });
});
