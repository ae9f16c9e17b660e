import request from 'supertest';
import { DataSource } from 'typeorm';
import { centerYear } from '../../src/common/center-clock';
import { startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

/** A forecast starts from the live schedule, the recent submissions and the unused quota places. */
describe('forecast inputs from live data', () => {
  let t: TestApp;
  let admin: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    ({
      t,
      auth: { admin },
    } = await startApiApp({ demoCenter: true, users: ['admin'] }));
    const ds = t.app.get(DataSource);
    const [adult] = await ds.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('A', 'Adult', '1970-01-01', 'male', 'KZ') RETURNING id`,
    );
    const [child] = await ds.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('C', 'Child', $1, 'female', 'KZ') RETURNING id`,
      [new Date(Date.now() - 8 * 365 * 86_400_000).toISOString().slice(0, 10)],
    );
    // 24 adult and 6 pediatric submissions over the last 6 weeks (the first 41.9 days ago), plus a
    // draft that never arrived.
    const insertCourse = (patientId: string, daysAgo: number, status: string, fractions: number, minutes: number) =>
      ds.query(
        `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                              earliest_start, due_start, status, submission_no, submitted_at)
         VALUES ($1, 'CNS', 'ROUTINE', $4, 5, $5, 8, 10, (now() - make_interval(secs => $2::float8 * 86400))::date, (now() - make_interval(secs => $2::float8 * 86400))::date + 20,
                 $3, 1, CASE WHEN $3 = 'DRAFT' THEN NULL ELSE now() - make_interval(secs => $2::float8 * 86400) END) RETURNING id`,
        [patientId, daysAgo, status, fractions, minutes],
      );
    for (let i = 0; i < 24; i++) await insertCourse(adult.id, i === 0 ? 41.9 : 1 + i, 'COMPLETED', i % 2 ? 30 : 25, 30);
    for (let i = 0; i < 6; i++) await insertCourse(child.id, 2 + i * 5, 'COMPLETED', 28, 40);
    await insertCourse(adult.id, 3, 'DRAFT', 10, 30);

    // A live course booked for the next five days in G1.
    const [course] = await insertCourse(adult.id, 50, 'SCHEDULED', 5, 30); // submitted before the history window
    const [g1] = await ds.query(`SELECT id FROM rooms WHERE name = 'G1'`);
    for (let f = 1; f <= 5; f++) {
      await ds.query(
        `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line)
         VALUES ($1, $2, $3, now() + make_interval(days => $2), now() + make_interval(days => $2, mins => 30),
                 now() + make_interval(days => $2, mins => 10), now() + make_interval(days => $2, mins => 18), 'main')`,
        [course.id, f, g1.id],
      );
    }
    // Unused cross-border places: 30 granted to Kyrgyzstan this year, 4 of them held. A held place
    // is still unused: it becomes a referral after now (or returns), so it is demand all the same.
    const quota = await http()
      .post('/api/v1/quotas')
      .set('Authorization', admin)
      .send({ countryCode: 'KG', year: centerYear('Asia/Almaty'), category: 'PEDIATRIC_ONCOHEMATOLOGY', granted: 30 })
      .expect(201);
    await http().post(`/api/v1/quotas/${quota.body.id}/reservations`).set('Authorization', admin).send({ count: 4, holdDays: 14 }).expect(201);
  });
  afterAll(async () => t?.close());

  async function forecast(body: object): Promise<any> {
    const id = (await http().post('/api/v1/forecasts').set('Authorization', admin).send(body).expect(202)).body.id;
    const deadline = Date.now() + 60_000;
    let res: any = { status: 'QUEUED' };
    while (res.status !== 'DONE' && res.status !== 'FAILED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      res = (await http().get(`/api/v1/forecasts/${id}`).set('Authorization', admin)).body;
    }
    expect(res.status).toBe('DONE');
    return res.result;
  }

  it('estimates arrival rates from recent submissions, starts from the bookings and adds unused quota places', async () => {
    const result = await forecast({ horizonWeeks: 3, runs: 3, seed: 1, historyWeeks: 6 });
    expect(result.meta).toMatchObject({ arrivalSource: 'history', historySubmissions: 30, existingBookings: 5 });
    expect(result.meta.quotaDemand).toEqual([{ countryCode: 'KG', year: centerYear('Asia/Almaty'), category: 'PEDIATRIC_ONCOHEMATOLOGY', places: 30 }]);
    const rates = Object.fromEntries(result.arrivalsPerWeek.map((a: { key: string; ratePerWeek: number }) => [a.key, a.ratePerWeek]));
    expect(result.meta.historySpanWeeks).toBeCloseTo(5.99, 1);
    expect(rates.ADULT_ROUTINE).toBeCloseTo(4, 1); // 24 in ~6 weeks
    expect(rates.PEDIATRIC_ROUTINE).toBeCloseTo(1, 1); // 6 in ~6 weeks
    expect(Object.keys(rates).some((k) => k.startsWith('QUOTA_KG_PEDIATRIC_ONCOHEMATOLOGY'))).toBe(true);
  });

  it('does not estimate a weekly rate from history spanning less than four weeks', async () => {
    const result = await forecast({ horizonWeeks: 2, runs: 2, seed: 1, historyWeeks: 3 });
    expect(result.meta.arrivalSource).toBe('default');
    expect(result.meta.historySubmissions).toBeGreaterThanOrEqual(20);
  });

  it('leaves quota demand out on request and uses given rates over history', async () => {
    const result = await forecast({
      horizonWeeks: 2,
      runs: 2,
      seed: 1,
      includeQuotaDemand: false,
      arrivals: [
        { key: 'ONLY', patientCategory: 'ADULT', urgency: 'URGENT', requiresAnesthesia: false, ratePerWeek: 7, profiles: [{ weight: 1, fractions: 10 }] },
      ],
    });
    expect(result.meta.arrivalSource).toBe('request');
    expect(result.meta.quotaDemand).toEqual([]);
    expect(result.arrivalsPerWeek).toEqual([{ key: 'ONLY', ratePerWeek: 7 }]);
  });
});
