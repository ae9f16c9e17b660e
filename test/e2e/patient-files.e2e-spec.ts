import ical from 'node-ical';
import request from 'supertest';
import { localForms } from '../../src/common/local-time';
import { pdfText } from '../support/pdf-text';
import type { TestApp } from '../support/test-app';
import { Api, Appt, createCourse, createPatient, dateIn, db, scheduledCourse, schedulingApp, waitForCourses } from './scheduling-fixtures';

const ZONE = 'Asia/Almaty';

/** supertest keeps binary bodies (the PDF) as a Buffer with this parser. */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

type Events = Record<string, ical.VEvent>;
function vevents(text: string): Events {
  const parsed = ical.sync.parseICS(text);
  return Object.fromEntries(Object.entries(parsed).filter(([, c]) => c?.type === 'VEVENT')) as Events;
}

describe('files a patient keeps: course calendar (.ics), subscription link, appointment letter (PDF)', () => {
  let t: TestApp;
  let api: Api;
  let courseId: string;
  let appts: Appt[];
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1']));
    // A name with the Kazakh letters the standard PDF fonts lack, so the letter must embed one that has them.
    const patientId = await createPatient(api, { firstName: 'Әйгерім', lastName: 'Һамитова' });
    courseId = (await createCourse(api, patientId, { fractions: 4 })).id;
    await api.post(`/courses/${courseId}/submit`).expect(202);
    await waitForCourses(t, [courseId], ['SCHEDULED'], 60_000);
    appts = (await api.get(`/courses/${courseId}/appointments`).expect(200)).body;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const ics = async (path: string, user: Parameters<Api['get']>[1] = 'coordinator') => {
    const res = await api.get(path, user).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    return res.text;
  };

  it('has one VEVENT per booked fraction, UIDs stable and SEQUENCE raised across a move, local times in the center zone', async () => {
    const before = vevents(await ics(`/courses/${courseId}/calendar.ics`));
    expect(Object.keys(before).sort()).toEqual(appts.map((a) => `${a.id}@beamtime`).sort());
    for (const a of appts) {
      const e = before[`${a.id}@beamtime`];
      expect((e.start as Date).toISOString()).toBe(new Date(a.start).toISOString());
      expect((e.end as Date).toISOString()).toBe(new Date(a.end).toISOString());
      expect(e.status).toBe('CONFIRMED');
      expect(Number(e.sequence)).toBe(0);
    }
    const text = await ics(`/courses/${courseId}/calendar.ics`);
    expect(text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${ZONE}`);
    expect(text).toContain('TZOFFSETTO:+0500');
    // The wall-clock digits are the center's local time, not UTC.
    const local = localForms(ZONE, appts[0].start);
    expect(text).toContain(`DTSTART;TZID=${ZONE}:${local.localDate.replace(/-/g, '')}T${local.localTime.replace(':', '')}00`);

    const last = appts[appts.length - 1];
    const hour = Number(localForms(ZONE, last.start).localTime.slice(0, 2));
    const start = new Date(Date.parse(last.start) + (hour < 15 ? 2 : -2) * 3_600_000).toISOString();
    await api.post(`/appointments/${last.id}/move`, { start, reason: 'patient request' }).expect(200);

    const after = vevents(await ics(`/courses/${courseId}/calendar.ics`));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const moved = after[`${last.id}@beamtime`];
    expect((moved.start as Date).toISOString()).toBe(start);
    expect(Number(moved.sequence)).toBe(1);
    const live = (await api.get(`/courses/${courseId}/appointments`).expect(200)).body as Appt[];
    for (const a of live) expect((after[`${a.id}@beamtime`].start as Date).toISOString()).toBe(new Date(a.start).toISOString());
  });

  it("marks a cancelled course's fractions STATUS:CANCELLED with a higher SEQUENCE", async () => {
    const other = await scheduledCourse(t, api, 2);
    await api.post(`/courses/${other.courseId}/cancel`, { reason: 'moved abroad' }).expect(200);
    const events = vevents(await ics(`/courses/${other.courseId}/calendar.ics`));
    expect(Object.keys(events).sort()).toEqual(other.appts.map((a) => `${a.id}@beamtime`).sort());
    for (const e of Object.values(events)) {
      expect(e.status).toBe('CANCELLED');
      expect(Number(e.sequence)).toBe(1);
    }
  });

  it('keeps raising SEQUENCE when a fraction a downtime cancelled is booked again in place', async () => {
    const other = await scheduledCourse(t, api, 2);
    const lost = other.appts[1];
    // What the downtime reschedule writes when it finds no place: the row cancelled, a history row without destination.
    await db(t).query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [lost.id]);
    await db(t).query(
      `INSERT INTO appointment_moves (appointment_id, from_room_id, from_start, reason, moved_by, at) VALUES ($1, $2, $3, 'Downtime: no place', 'system', now() - interval '1 minute')`,
      [lost.id, lost.roomId, lost.start],
    );
    const cancelled = vevents(await ics(`/courses/${other.courseId}/calendar.ics`))[`${lost.id}@beamtime`];
    expect([cancelled.status, Number(cancelled.sequence)]).toEqual(['CANCELLED', 1]);
    await api.post(`/appointments/${lost.id}/rebook`, { reason: 'room free again' }).expect(201);
    const rebooked = vevents(await ics(`/courses/${other.courseId}/calendar.ics`))[`${lost.id}@beamtime`];
    expect([rebooked.status, Number(rebooked.sequence)]).toEqual(['CONFIRMED', 2]);
    await api.post(`/courses/${other.courseId}/cancel`, {}).expect(200);
  });

  it("scopes the course's files like the course: a ministry sees only its own country's referrals, others 404", async () => {
    await db(t).query(`UPDATE courses SET referral_country_code = 'KG' WHERE id = $1`, [courseId]);
    try {
      await ics(`/courses/${courseId}/calendar.ics`, 'ministry-kg');
      const uz = await api.get(`/courses/${courseId}/calendar.ics`, 'ministry-uz').expect(404);
      expect(uz.headers['content-type']).toMatch(/application\/problem\+json/);
      await api.get(`/courses/${courseId}/letter.pdf?lang=ru`, 'ministry-uz').expect(404);
      await api.get(`/courses/${courseId}/letter.pdf?lang=ru`, 'ministry-kg').expect(200);
    } finally {
      await db(t).query(`UPDATE courses SET referral_country_code = NULL WHERE id = $1`, [courseId]);
    }
    await request(t.app.getHttpServer()).get(`/api/v1/courses/${courseId}/calendar.ics`).expect(401);
  });

  it("serves the patient's calendar at a secret link without sign-in until it is revoked or re-issued", async () => {
    const [{ patient_id: patientId }] = await db(t).query(`SELECT patient_id FROM courses WHERE id = $1`, [courseId]);
    await api.get(`/patients/${patientId}/calendar-link`).expect(200, { active: false, issuedAt: null, issuedBy: null });
    await api.post(`/patients/${patientId}/calendar-link`, {}, 'ministry-kg').expect(403);
    const issued = (await api.post(`/patients/${patientId}/calendar-link`).expect(201)).body;
    expect(issued).toMatchObject({
      active: true,
      issuedBy: 'coordinator',
      path: expect.stringMatching(/^\/api\/v1\/calendar-feeds\/[\w-]{43}\/calendar\.ics$/),
    });
    expect(issued.webcalUrl).toMatch(/^webcal:\/\//);
    const [row] = await db(t).query(`SELECT token_hash FROM calendar_links WHERE patient_id = $1 AND revoked_at IS NULL`, [patientId]);
    expect(row.token_hash.toString('utf8')).not.toContain(issued.path.split('/')[4]);

    const anonymous = request(t.app.getHttpServer());
    const feed = await anonymous.get(issued.path).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.headers['cache-control']).toBe('private, no-store');
    const live = (await api.get(`/courses/${courseId}/appointments`).expect(200)).body as Appt[];
    expect(Object.keys(vevents(feed.text)).sort()).toEqual(live.map((a) => `${a.id}@beamtime`).sort());

    const reissued = (await api.post(`/patients/${patientId}/calendar-link`, {}, 'admin').expect(201)).body;
    await anonymous.get(issued.path).expect(404);
    await anonymous.get(reissued.path).expect(200);
    await api.delete(`/patients/${patientId}/calendar-link`).expect(200, { active: false, issuedAt: null, issuedBy: null });
    const revoked = await anonymous.get(reissued.path).expect(404);
    expect(revoked.headers['content-type']).toMatch(/application\/problem\+json/);
    await anonymous.get('/api/v1/calendar-feeds/not-a-token/calendar.ics').expect(404);
    const audit = await db(t).query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'calendar-link.%' ORDER BY at`, [patientId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['calendar-link.issue', 'calendar-link.issue', 'calendar-link.revoke']);
  });

  it('writes the letter in Kazakh with the first fraction time and the full schedule, in the center zone', async () => {
    const res = await api.get(`/courses/${courseId}/letter.pdf?lang=kk`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.body as Buffer);
    const live = ((await api.get(`/courses/${courseId}/appointments`).expect(200)).body as Appt[]).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const first = localForms(ZONE, live[0].start);
    const [y, m, d] = first.localDate.split('-');
    expect(text).toContain(`Алғашқы сеанс: ${d}.${m}.${y}`);
    expect(text).toContain(`сағат ${first.localTime}`);
    expect(text).toContain('Әйгерім Һамитова');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']) expect(text.toLowerCase()).toContain(letter);
    for (const a of live) expect(text).toContain(`${localForms(ZONE, a.start).localTime}–${localForms(ZONE, a.end).localTime}`);
  });

  it('writes the letter in ru, ky and en; an unknown lang is 400 problem+json; an unbooked course 409', async () => {
    const ru = await pdfText((await api.get(`/courses/${courseId}/letter.pdf?lang=ru`).buffer(true).parse(binary).expect(200)).body);
    expect(ru).toContain('Первый сеанс');
    const ky = await pdfText((await api.get(`/courses/${courseId}/letter.pdf?lang=ky`).buffer(true).parse(binary).expect(200)).body);
    expect(ky).toContain('Биринчи сеанс');
    const en = await pdfText((await api.get(`/courses/${courseId}/letter.pdf`).set('Accept-Language', 'en').buffer(true).parse(binary).expect(200)).body);
    expect(en).toContain('Your first session');
    const bad = await api.get(`/courses/${courseId}/letter.pdf?lang=de`).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors[0].field).toBe('lang');
    await api.get(`/courses/${courseId}/calendar.ics?lang=uz`).expect(400);
    const [{ patient_id: patientId }] = await db(t).query(`SELECT patient_id FROM courses WHERE id = $1`, [courseId]);
    const draft = await api.post('/courses', { patientId, diagnosisGroup: 'CNS', urgency: 'ROUTINE', fractions: 3, earliestStart: dateIn(5) }).expect(201);
    const notBooked = await api.get(`/courses/${draft.body.id}/letter.pdf?lang=en`).expect(409);
    expect(notBooked.body.type).toMatch(/course-not-booked$/);
  });
});
