import request from 'supertest';
import { DataSource } from 'typeorm';
import { clock } from '../../src/common/center-clock';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';
import { insertScheduledCourse, roomIdsByName } from '../support/table-rows';
import { CATEGORY, expectProblem, grantQuota } from './quotas-support';

/**
 * PUT /calendar must not leave existing data breaking an invariant: grants above the new
 * cross-border cap (SPEC §4), anesthesia fractions beyond the team count (rule 7), beam times
 * overlapping on a beam that becomes shared (rule 8). Closures are dated within a sane window.
 */
describe('calendar changes against existing grants and bookings; closure dates', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let rooms: Record<string, string>;
  let courseId: string;

  // Bookings and the clock sit in one fixed week, far enough ahead of any real "now" for years.
  const DAY = '2031-03-04';
  const NOW = '2031-01-15T12:00:00+05:00';

  const book = async (room: string, day: string, hhmm: string, minutes: number, opts: { anesthesia?: boolean; beamLine?: string } = {}) => {
    const [row] = await db.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status, anesthesia)
       VALUES ($1, (SELECT coalesce(max(fraction), 0) + 1 FROM appointments WHERE course_id = $1), $2, $3::timestamptz, $3::timestamptz + make_interval(mins => $4),
               $3::timestamptz + interval '10 minutes', $3::timestamptz + interval '18 minutes', $5, 'BOOKED', $6)
       RETURNING id`,
      [courseId, rooms[room], `${day}T${hhmm}:00+05:00`, minutes, opts.beamLine ?? 'main', opts.anesthesia ?? false],
    );
    return row.id as string;
  };
  const cancel = (id: string) => db.query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [id]);
  const settingsRow = async () => (await db.query('SELECT * FROM center_settings'))[0] as Record<string, unknown>;
  const calendarAudits = async () => Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'calendar.update'`))[0].n);
  const put = (body: object) => request(server).put('/api/v1/calendar').set('Authorization', admin).send(body);

  /** A refused PUT: 409 problem+json of `type`, and neither the settings nor the audit log changed. */
  const refused = async (body: object, type: RegExp) => {
    const before = await settingsRow();
    const audits = await calendarAudits();
    const res = await put(body);
    expectProblem(res, 409);
    expect(res.body.type).toMatch(type);
    expect(await settingsRow()).toEqual(before);
    expect(await calendarAudits()).toBe(audits);
    return res.body;
  };

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['admin'] }));
    rooms = await roomIdsByName(db);
    courseId = await insertScheduledCourse(db, {
      birthDate: '2020-01-01',
      fractions: 30,
      fractionMinutes: 50,
      earliestStart: '2031-03-03',
      dueStart: '2031-03-31',
    });
  });
  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(NOW));
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses a capacity or share below this and later years' grants (409 cap-below-grants); past years do not count", async () => {
    await grantQuota(t, { countryCode: 'KG', year: 2031, granted: 40 });
    await grantQuota(t, { countryCode: 'UZ', year: 2031, granted: 20 });
    await grantQuota(t, { countryCode: 'KG', year: 2032, granted: 10 });
    // A year that is over keeps its history: 100 places of 2030, inserted as the ledger would have.
    const [old] = await db.query(`INSERT INTO quotas (country_code, year, category) VALUES ('KG', 2030, $1) RETURNING id`, [CATEGORY]);
    await db.query(`INSERT INTO quota_ledger (quota_id, kind, delta_granted, actor_username, actor_role) VALUES ($1, 'GRANT', 100, 'admin', 'ADMIN')`, [
      old.id,
    ]);

    const zero = await refused({ annualCapacity: 0 }, /cap-below-grants$/);
    expect(zero).toMatchObject({
      cap: 0,
      years: [
        { year: 2031, granted: 60 },
        { year: 2032, granted: 10 },
      ],
    });
    expect(zero.detail).toMatch(/2031 has 60/);
    expect(await refused({ crossBorderShare: 0 }, /cap-below-grants$/)).toMatchObject({ cap: 0, crossBorderShare: 0 });
    // 800 x 0.07 = 56 < 60, even when another field in the same PUT is fine.
    expect(await refused({ crossBorderShare: 0.07, qaMinutes: 25 }, /cap-below-grants$/)).toMatchObject({ cap: 56, years: [{ year: 2031, granted: 60 }] });

    // Exactly the grants (400 x 0.15 = 60) is allowed, although 2030 had 100.
    const ok = await put({ annualCapacity: 400 }).expect(200);
    expect(ok.body.annualCapacity).toBe(400);
    await put({ annualCapacity: 800 }).expect(200);
  });

  it('refuses fewer anesthesia teams than booked anesthesia fractions run at once (409 calendar-strands-bookings)', async () => {
    await put({ anesthesia: { teams: 2 } }).expect(200);
    // Two children under anesthesia at once in G1 and G2 (beam times apart), one more the next day.
    const a = await book('G1', DAY, '10:00', 50, { anesthesia: true });
    const b = await book('G2', DAY, '10:20', 50, { anesthesia: true });
    await book('G1', '2031-03-05', '10:00', 50, { anesthesia: true });

    const one = await refused({ anesthesia: { teams: 1 } }, /calendar-strands-bookings$/);
    expect(one.bookedFractions).toBe(2);
    expect(one.sample.map((s: { appointmentId: string }) => s.appointmentId).sort()).toEqual([a, b].sort());
    expect(one.detail).toMatch(/anesthesia/);
    expect((await refused({ anesthesia: { teams: 0 } }, /calendar-strands-bookings$/)).bookedFractions).toBe(3);

    // Raising is always fine; once the overlap is gone, one team is enough again.
    await put({ anesthesia: { teams: 3 } }).expect(200);
    await cancel(b);
    await put({ anesthesia: { teams: 1 } }).expect(200);
  });

  it('refuses turning on the shared beam while rooms booked as independent machines overlap in beam time', async () => {
    await put({ sharedBeam: false }).expect(200);
    const g1 = await book('G1', '2031-03-06', '15:00', 30, { beamLine: rooms.G1 });
    const g3 = await book('G3', '2031-03-06', '15:05', 30, { beamLine: rooms.G3 });
    await book('G2', '2031-03-06', '16:00', 30, { beamLine: rooms.G2 });

    const res = await refused({ sharedBeam: true }, /calendar-strands-bookings$/);
    expect(res.bookedFractions).toBe(2);
    expect(res.sample.map((s: { appointmentId: string }) => s.appointmentId).sort()).toEqual([g1, g3].sort());
    expect(res.detail).toMatch(/beam/);

    await cancel(g3);
    await put({ sharedBeam: true }).expect(200);
    // Booked fractions now share one beam line, so the database's overlap constraint spans all rooms.
    const lines = async () =>
      (await db.query(`SELECT DISTINCT beam_line FROM appointments WHERE status = 'BOOKED'`)).map((r: { beam_line: string }) => r.beam_line);
    expect(await lines()).toEqual(['main']);
    await expect(book('G2', '2031-03-06', '15:00', 30)).rejects.toThrow(/appointments_no_beam_overlap/);
    await put({ sharedBeam: false }).expect(200);
    expect((await lines()).sort()).toEqual([rooms.G1, rooms.G2].sort());
    await put({ sharedBeam: true }).expect(200);
  });

  it('dates closures from 1 January last year to 31 December two years ahead (422 date-out-of-range, nothing written)', async () => {
    const count = async () => Number((await db.query('SELECT count(*) AS n FROM closures'))[0].n);
    const before = await count();
    for (const date of ['9999-12-30', '1970-01-01', '2029-12-31', '2034-01-01']) {
      const res = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date, reason: 'out of range' });
      expectProblem(res, 422);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/date-out-of-range$/), field: 'date', min: '2030-01-01', max: '2033-12-31' });
    }
    const surrogate = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2031-06-02', reason: 'bad \ud800 text' });
    expectProblem(surrogate, 400);
    expect(surrogate.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect(await count()).toBe(before);

    await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2030-01-02' }).expect(201);
    await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2033-12-31' }).expect(201);
  });
});
