import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_TEST_PASSWORD } from '../support/auth';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

type Problem = { type: string; errors?: Array<{ field: string }> };

/**
 * The administrator's control room, server side (issue 19): past forecasts with their inputs, accounts
 * (ministry bound to a country, password reset, deactivation), the audit log filtered by actor, action,
 * entity and time with CSV export, and the capacity dashboard's figures.
 */
describe('admin control room: forecasts list, users, audit filters + CSV, capacity summary', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;
  let ministry: string;

  beforeAll(async () => {
    // role api: no worker, so forecasts stay QUEUED — the list does not need them run.
    ({
      t,
      server,
      db,
      auth: { admin, coordinator, 'ministry-kg': ministry },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['admin', 'coordinator', 'ministry-kg'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /forecasts', () => {
    const ids: string[] = [];
    beforeAll(async () => {
      for (const seed of [1, 2, 3]) {
        ids.push(
          (
            await request(server)
              .post('/api/v1/forecasts')
              .set('Authorization', admin)
              .send({ horizonWeeks: 4, runs: 3, seed, changes: { extraRooms: seed - 1 } })
              .expect(202)
          ).body.id,
        );
        await db.query(`UPDATE forecasts SET created_at = created_at - make_interval(mins => $2) WHERE id = $1`, [ids[ids.length - 1], 10 - seed]);
      }
    });

    it('lists them newest first with their inputs, paged', async () => {
      const all = await request(server).get('/api/v1/forecasts').set('Authorization', admin).expect(200);
      expect(all.body.map((f: { id: string }) => f.id)).toEqual([...ids].reverse());
      expect(all.body[0]).toMatchObject({
        status: 'QUEUED',
        createdBy: 'admin',
        input: { horizonWeeks: 4, runs: 3, seed: 3, changes: { extraRooms: 2 } },
        scenario: '+2 room(s)',
        headline: null,
      });
      expect(all.body[2].scenario).toBe('as is');
      expect(Number(all.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
      const page = await request(server).get('/api/v1/forecasts?limit=1&offset=1').set('Authorization', admin).expect(200);
      expect(page.body.map((f: { id: string }) => f.id)).toEqual([ids[1]]);
    });

    it("is the administrator's only (403) and checks its paging (400)", async () => {
      await request(server).get('/api/v1/forecasts').set('Authorization', coordinator).expect(403);
      await request(server).get('/api/v1/forecasts').set('Authorization', ministry).expect(403);
      await request(server).get('/api/v1/forecasts?limit=0').set('Authorization', admin).expect(400);
    });
  });

  describe('users', () => {
    const login = (username: string, password: string) => request(server).post('/api/v1/auth/login').send({ username, password });

    it('creates a ministry account bound to a country (none without one), resets its password, deactivates it', async () => {
      const before = Number((await db.query('SELECT count(*) AS n FROM users'))[0].n);
      const noCountry = await request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: 'ministry-kg-aida', password: DEMO_TEST_PASSWORD, role: 'MINISTRY' });
      expect([400, 422]).toContain(noCountry.status);
      expect(Number((await db.query('SELECT count(*) AS n FROM users'))[0].n)).toBe(before);
      await request(server)
        .post('/api/v1/users')
        .set('Authorization', coordinator)
        .send({ username: 'x-user', password: DEMO_TEST_PASSWORD, role: 'ADMIN' })
        .expect(403);

      const created = await request(server)
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: 'ministry-kg-aida', password: DEMO_TEST_PASSWORD, role: 'MINISTRY', countryCode: 'KG' })
        .expect(201);
      expect(created.body).toMatchObject({ role: 'MINISTRY', countryCode: 'KG', active: true });
      await login('ministry-kg-aida', DEMO_TEST_PASSWORD).expect(200);

      const newPassword = 'a-fresh-password-for-aida';
      await request(server).patch(`/api/v1/users/${created.body.id}`).set('Authorization', admin).send({ password: newPassword }).expect(200);
      await login('ministry-kg-aida', DEMO_TEST_PASSWORD).expect(401);
      await login('ministry-kg-aida', newPassword).expect(200);

      await request(server).patch(`/api/v1/users/${created.body.id}`).set('Authorization', admin).send({ active: false }).expect(200);
      await login('ministry-kg-aida', newPassword).expect(401);
    });
  });

  describe('GET /audit and /audit/export.csv', () => {
    it('filters by actor, action (or a family), entity and time range; an empty filter is no filter', async () => {
      const byAction = await request(server).get('/api/v1/audit?action=forecast.create').set('Authorization', admin).expect(200);
      expect(byAction.body).toHaveLength(3);
      expect(byAction.body.every((e: { action: string; username: string }) => e.action === 'forecast.create' && e.username === 'admin')).toBe(true);
      const family = await request(server).get('/api/v1/audit?action=user.').set('Authorization', admin).expect(200);
      expect(family.body.length).toBeGreaterThan(0);
      expect(family.body.every((e: { action: string }) => e.action.startsWith('user.'))).toBe(true);

      const byActor = await request(server).get('/api/v1/audit?actor=admin&entity=forecast').set('Authorization', admin).expect(200);
      expect(byActor.body).toHaveLength(3);
      expect((await request(server).get('/api/v1/audit?actor=coordinator&entity=forecast').set('Authorization', admin).expect(200)).body).toEqual([]);

      const [{ at }] = await db.query(`SELECT at FROM audit_log WHERE action = 'forecast.create' ORDER BY id LIMIT 1 OFFSET 1`);
      const from = encodeURIComponent(new Date(at).toISOString().replace('Z', '+00:00'));
      const since = await request(server).get(`/api/v1/audit?action=forecast.create&from=${from}`).set('Authorization', admin).expect(200);
      expect(since.body.length).toBeGreaterThanOrEqual(2);
      expect(since.body.every((e: { at: string }) => Date.parse(e.at) >= new Date(at).getTime())).toBe(true);
      const until = await request(server).get(`/api/v1/audit?action=forecast.create&to=${from}`).set('Authorization', admin).expect(200);
      expect(until.body.every((e: { at: string }) => Date.parse(e.at) < new Date(at).getTime())).toBe(true);
      expect(since.body.length + until.body.length).toBe(3);

      // The form's empty fields (issue 19: `/audit?action=` was a 400).
      const empty = await request(server).get('/api/v1/audit?action=&actor=&limit=5').set('Authorization', admin).expect(200);
      expect(empty.body).toHaveLength(5);
    });

    it('refuses malformed filters (400) and anyone but an administrator (403)', async () => {
      for (const query of ['from=yesterday', 'to=2026-12-01', 'action=DROP%20TABLE', `from=2026-12-08T00:00:00%2B05:00&to=2026-12-01T00:00:00%2B05:00`]) {
        const res = await request(server).get(`/api/v1/audit?${query}`).set('Authorization', admin);
        expect(res.status).toBe(400);
        expect((res.body as Problem).type).toMatch(/validation|invalid-range/);
      }
      await request(server).get('/api/v1/audit?action=forecast.create').set('Authorization', coordinator).expect(403);
      await request(server).get('/api/v1/audit/export.csv').set('Authorization', ministry).expect(403);
    });

    it('exports the filtered trail as CSV', async () => {
      const res = await request(server).get('/api/v1/audit/export.csv?action=forecast.create').set('Authorization', admin).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('id,at,username,role,countryCode,action,entity,entityId,requestId,details');
      expect(lines).toHaveLength(4);
      expect(lines.slice(1).every((l) => l.includes(',admin,ADMIN,,forecast.create,forecast,'))).toBe(true);
    });
  });

  describe('GET /capacity/summary', () => {
    it('counts courses started this year against the target, the waiting list by urgency with the oldest wait, and late starts', async () => {
      const [{ room }] = await db.query(`SELECT id AS room FROM rooms ORDER BY name LIMIT 1`);
      const [{ today, year }] = await db.query(
        `SELECT to_char(now() AT TIME ZONE 'Asia/Almaty', 'YYYY-MM-DD') AS today, extract(year FROM now() AT TIME ZONE 'Asia/Almaty')::int AS year`,
      );
      const [patient] = await db.query(
        `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Cap', 'Summary', '1970-01-01', 'female', 'KZ') RETURNING id`,
      );
      const course = async (status: string, urgency: string, submittedDaysAgo: number, lateStart = false): Promise<string> =>
        (
          await db.query(
            `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                                  earliest_start, due_start, status, late_start, submission_no, submitted_at)
             VALUES ($1, 'CNS', $2, 5, 5, 30, 8, 10, $3::date, $3::date, $4, $5, 1, now() - make_interval(days => $6)) RETURNING id`,
            [patient.id, urgency, today, status, lateStart, submittedDaysAgo],
          )
        )[0].id;
      const fraction = (courseId: string, status: string, hoursFromNow: number) =>
        db.query(
          `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status)
           VALUES ($1, 1, $2, now() + make_interval(hours => $3), now() + make_interval(hours => $3, mins => 30),
                   now() + make_interval(hours => $3, mins => 10), now() + make_interval(hours => $3, mins => 18), 'A', $4)`,
          [courseId, room, hoursFromNow, status],
        );
      const inYear = async (hoursFromNow: number) =>
        (await db.query(`SELECT extract(year FROM (now() + make_interval(hours => $1)) AT TIME ZONE 'Asia/Almaty')::int AS y`, [hoursFromNow]))[0].y === year;

      const started = await course('IN_TREATMENT', 'ROUTINE', 20, true);
      await fraction(started, 'DELIVERED', -1);
      const booked = await course('SCHEDULED', 'ROUTINE', 3);
      await fraction(booked, 'BOOKED', 2);
      await course('QUEUED', 'URGENT', 10);
      await course('UNSCHEDULABLE', 'ROUTINE', 5);
      await course('DRAFT', 'EMERGENCY', 0);

      const res = await request(server).get('/api/v1/capacity/summary').set('Authorization', coordinator).expect(200);
      expect(res.body.year).toBe(year);
      expect(res.body.courses).toMatchObject({
        started: (await inYear(-1)) ? 1 : 0,
        bookedToStart: (await inYear(2)) ? 1 : 0,
        target: 800,
        upTo: today,
      });
      expect(res.body.courses.projected).toBe(res.body.courses.started + res.body.courses.bookedToStart);
      expect(res.body.waiting).toEqual([
        { urgency: 'EMERGENCY', count: 0, oldestSubmittedAt: null, oldestWaitDays: 0 },
        { urgency: 'URGENT', count: 1, oldestSubmittedAt: expect.any(String), oldestWaitDays: 10 },
        { urgency: 'ROUTINE', count: 2, oldestSubmittedAt: expect.any(String), oldestWaitDays: 5 },
      ]);
      expect(res.body.lateStarts).toEqual((await inYear(-1)) ? { total: 1, byUrgency: { ROUTINE: 1 } } : { total: 0, byUrgency: {} });

      const past = await request(server)
        .get(`/api/v1/capacity/summary?year=${year - 1}`)
        .set('Authorization', admin)
        .expect(200);
      expect(past.body.courses).toMatchObject({ started: 0, bookedToStart: 0, upTo: `${year - 1}-12-31` });
    });

    it('is staff only (403 to a ministry) and checks the year (400)', async () => {
      await request(server).get('/api/v1/capacity/summary').set('Authorization', ministry).expect(403);
      for (const year of ['1900', '20x6', '']) await request(server).get(`/api/v1/capacity/summary?year=${year}`).set('Authorization', admin).expect(400);
    });
  });
  // Last: it adds a forecast, which the audit counts above must not see.
  describe('POST /forecasts what-ifs', () => {
    it('takes a what-if downtime by room name and a second anesthesia team; an unknown room is 422 and writes nothing', async () => {
      const rooms = (await request(server).get('/api/v1/rooms').set('Authorization', admin).expect(200)).body as Array<{ id: string; name: string }>;
      const g2 = rooms.find((r) => r.name === 'G2')!;
      const downtime = { room: 'g2', start: '2027-03-01T00:00:00+05:00', end: '2027-03-22T00:00:00+05:00' };
      const created = await request(server)
        .post('/api/v1/forecasts')
        .set('Authorization', admin)
        .send({ horizonWeeks: 4, runs: 3, changes: { downtimes: [downtime], anesthesiaTeams: 2 } })
        .expect(202);
      const row = (await request(server).get('/api/v1/forecasts?limit=1').set('Authorization', admin).expect(200)).body[0];
      expect(row.id).toBe(created.body.id);
      expect(row.input.changes).toEqual({
        downtimes: [{ roomId: g2.id, start: downtime.start, end: downtime.end, reason: 'forecast scenario' }],
        anesthesiaTeams: 2,
      });
      expect(row.scenario).toBe('2 anesthesia team(s), G2 down 2027-03-01 → 2027-03-22');
      const before = Number((await request(server).get('/api/v1/forecasts').set('Authorization', admin)).headers['x-total-count']);
      const bad = await request(server)
        .post('/api/v1/forecasts')
        .set('Authorization', admin)
        .send({ changes: { downtimes: [{ ...downtime, room: 'G9' }] } })
        .expect(422);
      expect(bad.body).toMatchObject({ field: 'changes.downtimes.0.room' });
      await request(server)
        .post('/api/v1/forecasts')
        .set('Authorization', admin)
        .send({ changes: { anesthesiaTeams: 0 } })
        .expect(400);
      expect(Number((await request(server).get('/api/v1/forecasts').set('Authorization', admin)).headers['x-total-count'])).toBe(before);
    });
  });
});
