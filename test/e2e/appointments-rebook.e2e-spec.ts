import type { TestApp } from '../support/test-app';
import { demoCenter, isOpenDay } from '../../src/scheduling';
import { Api, Appt, db, scheduledCourse, schedulingApp, violations } from './scheduling-fixtures';

const DAY_MS = 86_400_000;
/** Local (UTC+05:00) calendar date and HH:MM of an instant. */
const localDate = (iso: string) => new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 10);
const localTime = (iso: string) => new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(11, 16);

describe('appointments: a fraction that is not booked any more is booked again (rebook), and a late miss', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1']));
  });
  afterAll(async () => {
    await t.close();
  });

  const scheduled = (fractions: number) => scheduledCourse(t, api, fractions);

  /** What the downtime rescheduler leaves when no place is found: the room closed that day, the fraction CANCELLED. */
  async function dropByDowntime(appt: Appt): Promise<void> {
    const day = localDate(appt.start);
    await db(t).query(
      `INSERT INTO downtimes (room_id, start_at, end_at, kind, reason, created_by, reschedule_status)
       VALUES ($1, $2, $3, 'UNPLANNED', 'magnet fault', 'test', 'DONE')`,
      [appt.roomId, `${day}T00:00:00+05:00`, new Date(Date.parse(`${day}T00:00:00+05:00`) + DAY_MS).toISOString()],
    );
    await db(t).query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [appt.id]);
  }

  it('with no start, books it after the last fraction under its own number, the same row, with history; a second rebook answers 409', async () => {
    const { courseId, appts } = await scheduled(5);
    const lost = appts[2];
    const needingRebook = async () => ((await api.get('/courses?needsRebooking=true').expect(200)).body as Array<{ id: string }>).map((c) => c.id);
    const fullyBooked = async () => ((await api.get('/courses?needsRebooking=false&limit=1000').expect(200)).body as Array<{ id: string }>).map((c) => c.id);
    expect(await needingRebook()).not.toContain(courseId);
    await dropByDowntime(lost);
    // The coordinator's work list: the course is short of a fraction until it is booked again.
    expect(await needingRebook()).toContain(courseId);
    expect(await fullyBooked()).not.toContain(courseId);
    expect((await api.get('/courses?needsRebooking=perhaps').expect(400)).body.errors[0].field).toBe('needsRebooking');
    const res = await api.post(`/appointments/${lost.id}/rebook`, { reason: 'room repaired' }).expect(201);
    expect(await needingRebook()).not.toContain(courseId);
    expect(await fullyBooked()).toContain(courseId);
    expect(res.body).toMatchObject({ id: lost.id, fraction: 3, status: 'BOOKED' });
    expect(Date.parse(res.body.start)).toBeGreaterThan(Math.max(...appts.map((a) => Date.parse(a.start))));
    const after: Appt[] = (await api.get(`/courses/${courseId}/appointments`).expect(200)).body;
    expect(
      after
        .filter((a) => a.status === 'BOOKED')
        .map((a) => a.fraction)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
    const history = (await api.get(`/appointments/${lost.id}/moves`).expect(200)).body;
    expect(history[history.length - 1].reason).toMatch(/^room repaired \(Fraction 3 was not given; it is given again after the last one, on .* in G1\.\)$/);
    expect(await db(t).query(`SELECT 1 FROM audit_log WHERE action = 'appointment.rebook' AND entity_id = $1`, [lost.id])).toHaveLength(1);
    expect(await violations(t, [courseId])).toEqual([]);

    const again = await api.post(`/appointments/${lost.id}/rebook`, {}).expect(409);
    expect(again.body.type).toMatch(/invalid-appointment-state$/);
  });

  it('with a start, checks every hard rule (409 naming it, nothing written) and books it there', async () => {
    const { courseId, appts } = await scheduled(3);
    const other = await scheduled(3);
    const lost = appts[1];
    await db(t).query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [lost.id]);
    const before = await db(t).query(`SELECT id, status, start FROM appointments ORDER BY id`);

    const past = await api.post(`/appointments/${lost.id}/rebook`, { start: '2020-01-06T10:00:00+05:00' }).expect(409);
    expect(past.body.rule).toBe(5);
    const onTop = await api.post(`/appointments/${lost.id}/rebook`, { start: other.appts[0].start }).expect(409);
    expect([3, 4, 8]).toContain(onTop.body.rule);
    await api.post(`/appointments/${lost.id}/rebook`, { roomId: lost.roomId }).expect(400);
    const nowhere = await api.post(`/appointments/${lost.id}/rebook`, { start: lost.start, roomId: '11111111-1111-4111-8111-111111111111' }).expect(422);
    expect(nowhere.body).toMatchObject({ type: expect.stringMatching(/unknown-room$/), errors: [{ field: 'roomId', messages: [expect.any(String)] }] });
    await api.post(`/appointments/${other.appts[1].id}/move`, { start: other.appts[1].start, roomId: '11111111-1111-4111-8111-111111111111' }).expect(422);
    expect(await db(t).query(`SELECT id, status, start FROM appointments ORDER BY id`)).toEqual(before);

    // Its own slot is free again: booked back exactly where it was.
    const res = await api.post(`/appointments/${lost.id}/rebook`, { start: lost.start }).expect(201);
    expect(res.body).toMatchObject({ id: lost.id, fraction: 2, status: 'BOOKED', roomId: lost.roomId });
    expect(Date.parse(res.body.start)).toBe(Date.parse(lost.start));
    expect(await violations(t, [courseId])).toEqual([]);
  });

  it('books a missed fraction again with a start after the last one: the missed day between two fractions counts as used', async () => {
    const { courseId, appts } = await scheduled(3);
    // Fraction 2 missed, no replacement (its re-booking had failed): the course's reason says so.
    await db(t).query(`UPDATE appointments SET status = 'MISSED' WHERE id = $1`, [appts[1].id]);
    expect((await api.get('/courses?needsRebooking=true').expect(200)).body.map((c: { id: string }) => c.id)).toContain(courseId);
    await db(t).query(`UPDATE courses SET reason = 'Missed fraction 2 could not be re-booked' WHERE id = $1`, [courseId]);
    const lastDay = localDate(appts[2].start);
    let next = new Date(`${lastDay}T12:00:00Z`);
    do next = new Date(next.getTime() + DAY_MS);
    while ([0, 6].includes(next.getUTCDay()) || next.toISOString().endsWith('12-16T12:00:00.000Z'));
    const start = `${next.toISOString().slice(0, 10)}${appts[2].start.slice(10)}`;
    const res = await api.post(`/appointments/${appts[1].id}/rebook`, { start }).expect(201);
    expect(res.body).toMatchObject({ fraction: 2, status: 'BOOKED' });
    expect(res.body.id).not.toBe(appts[1].id);
    expect(await violations(t, [courseId])).toEqual([]);
    // Every fraction is booked again: nothing is left for the coordinator to do.
    expect((await api.get(`/courses/${courseId}`).expect(200)).body.reason).toBeNull();
  });

  it('books a fraction of a course with nothing left booked again from the course start, not at a date of NaN', async () => {
    const { courseId, appts } = await scheduled(1);
    await db(t).query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [appts[0].id]);
    const res = await api.post(`/appointments/${appts[0].id}/rebook`, {}).expect(201);
    expect(res.body).toMatchObject({ id: appts[0].id, fraction: 1, status: 'BOOKED' });
    expect(await violations(t, [courseId])).toEqual([]);
  });

  it('refuses a fraction that is booked, and one whose fraction number is booked again already', async () => {
    const { appts } = await scheduled(2);
    const booked = await api.post(`/appointments/${appts[0].id}/rebook`, {}).expect(409);
    expect(booked.body.type).toMatch(/invalid-appointment-state$/);
    // A stale CANCELLED row beside a BOOKED one of the same fraction (e.g. rebooked by another coordinator).
    await db(t).query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status)
       SELECT course_id, fraction, room_id, start - interval '7 days', "end" - interval '7 days', beam_start - interval '7 days', beam_end - interval '7 days', beam_line, 'CANCELLED'
         FROM appointments WHERE id = $1`,
      [appts[1].id],
    );
    const [stale] = await db(t).query(
      `SELECT id FROM appointments WHERE fraction = 2 AND status = 'CANCELLED' AND course_id = (SELECT course_id FROM appointments WHERE id = $1)`,
      [appts[1].id],
    );
    const res = await api.post(`/appointments/${stale.id}/rebook`, {}).expect(409);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/fraction-already-booked$/), appointmentId: appts[1].id });
  });

  it('a miss recorded weeks late still gives the fraction again after the last one, and the course says it was interrupted', async () => {
    const { courseId, appts } = await scheduled(5);
    // The course moved back onto the five open days that end two weeks ago (older than any downtime the
    // other tests made, so nothing in between is closed for it): nobody marked its first fraction.
    const pastDays: string[] = [];
    for (let t0 = Date.now() - 14 * DAY_MS; pastDays.length < appts.length; t0 -= DAY_MS) {
      const day = localDate(new Date(t0).toISOString());
      if (isOpenDay(demoCenter(), day)) pastDays.unshift(day);
    }
    for (const [i, appt] of appts.entries()) {
      const shiftSeconds = (Date.parse(`${pastDays[i]}T${localTime(appt.start)}:00+05:00`) - Date.parse(appt.start)) / 1000;
      await db(t).query(
        `UPDATE appointments SET start = start + make_interval(secs => $2), "end" = "end" + make_interval(secs => $2),
                beam_start = beam_start + make_interval(secs => $2), beam_end = beam_end + make_interval(secs => $2) WHERE id = $1`,
        [appt.id, shiftSeconds],
      );
    }
    // Uninterrupted as it stands (only rule 5 objects to a course booked before it arrived).
    expect((await violations(t, [courseId])).filter((v) => v.rule !== 5)).toEqual([]);
    const res = await api.post(`/appointments/${appts[0].id}/miss`).expect(200);
    expect(res.body.unschedulable).toBeUndefined();
    expect(res.body.appended).toHaveLength(1);
    expect(res.body.appended[0].fraction).toBe(1);
    // The days between the course's last fraction and today are past and unused: the course says so.
    expect((await api.get(`/courses/${courseId}`).expect(200)).body.reason).toMatch(
      /^Interrupted: Fraction 1 \(\d{4}-\d\d-\d\d \d\d:\d\d\) was missed; the course is interrupted \(rule 6\): open days between its last fraction on \d{4}-\d\d-\d\d and \d{4}-\d\d-\d\d have no fraction/,
    );
    // Replaced already: booking the missed one again is refused.
    const again = await api.post(`/appointments/${appts[0].id}/rebook`, {}).expect(409);
    expect(again.body.type).toMatch(/fraction-already-booked$/);
  });
});
