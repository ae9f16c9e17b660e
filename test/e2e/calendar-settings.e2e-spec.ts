import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';

const WEEKDAYS = (interval: Array<[string, string]> | null) => ({
  mon: interval,
  tue: interval,
  wed: interval,
  thu: interval,
  fri: interval,
  sat: null,
  sun: null,
});

describe('calendar settings', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', users: ['admin'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  const settingsRow = async () => (await db.query('SELECT * FROM center_settings'))[0] as Record<string, unknown>;
  const auditCount = async () => Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'calendar.update'`))[0].n);

  it('starts from the SPEC defaults, readable by coordinators', async () => {
    const res = await request(server)
      .get('/api/v1/calendar')
      .set('Authorization', await bearer(t, 'coordinator'))
      .expect(200);
    expect(res.body).toMatchObject({
      timeZone: 'Asia/Almaty',
      hours: WEEKDAYS([['07:00', '23:00']]),
      qaMinutes: 30,
      anesthesia: { windows: WEEKDAYS([['08:00', '13:00']]), teams: 1 },
      sharedBeam: true,
      holidays: 'KZ',
      horizonWeeks: 26,
      annualCapacity: 800,
      crossBorderShare: 0.15,
    });
  });

  it('replaces the fields given, keeps the rest, and audits exactly what changed', async () => {
    const hours = {
      ...WEEKDAYS([
        ['07:00', '15:00'],
        ['15:00', '23:00'],
      ]),
      sat: [['09:00', '14:00']],
    };
    const res = await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ hours, qaMinutes: 45, anesthesia: { teams: 2 }, timeZone: 'Asia/Almaty', crossBorderShare: 0.2 })
      .expect(200);
    expect(res.body).toMatchObject({
      hours,
      qaMinutes: 45,
      anesthesia: { windows: WEEKDAYS([['08:00', '13:00']]), teams: 2 },
      crossBorderShare: 0.2,
      annualCapacity: 800,
    });
    const [audit] = await db.query(`SELECT username, details FROM audit_log WHERE action = 'calendar.update'`);
    expect(audit.username).toBe('admin');
    // timeZone was sent unchanged, so it is not a change.
    expect(Object.keys(audit.details).sort()).toEqual(['anesthesiaTeams', 'crossBorderShare', 'hours', 'qaMinutes']);
    expect(audit.details.qaMinutes).toEqual({ from: 30, to: 45 });
    const again = await request(server).get('/api/v1/calendar').set('Authorization', admin).expect(200);
    expect(again.body.hours).toEqual(hours);
  });

  it.each([
    ['a bad HH:mm', { hours: { ...WEEKDAYS([['07:00', '23:00']]), tue: [['7am', '23:00']] } }, 'hours.tue', /HH:mm/],
    ['an end before its start', { hours: { ...WEEKDAYS([['07:00', '23:00']]), wed: [['23:00', '07:00']] } }, 'hours.wed', /start must be before the end/],
    [
      'overlapping intervals',
      {
        hours: {
          ...WEEKDAYS([['07:00', '23:00']]),
          thu: [
            ['07:00', '15:00'],
            ['14:00', '23:00'],
          ],
        },
      },
      'hours.thu',
      /overlapping/,
    ],
    ['a missing weekday', { hours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null } }, 'hours.sun', /must be given/],
    ['a malformed interval', { anesthesia: { windows: { ...WEEKDAYS([['08:00', '13:00']]), fri: [['08:00']] } } }, 'anesthesia.windows.fri', /pair/],
    ['an unknown time zone', { timeZone: 'Asia/Atlantis' }, 'timeZone', /IANA/],
    // Node's ICU still takes this long-dropped link; PostgreSQL's time zone data does not, so local-time queries would fail.
    ['a zone only the runtime knows', { timeZone: 'US/Pacific-New' }, 'timeZone', /not known to the database|IANA/],
    ['a share above 1', { crossBorderShare: 1.5 }, 'crossBorderShare', /must not be greater than 1/],
  ])('rejects %s with 400 problem+json and changes nothing, even fields that were valid', async (_name, body, field, message) => {
    const before = await settingsRow();
    const audits = await auditCount();
    const res = await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ qaMinutes: 10, sharedBeam: false, ...body })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const error = res.body.errors.find((e: { field: string }) => e.field === field);
    expect(error).toBeDefined();
    expect(error.messages.join(' ')).toMatch(message);
    expect(await settingsRow()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('takes back what GET gave (a round trip changes nothing) and refuses a change made on an older version (409)', async () => {
    const read = (await request(server).get('/api/v1/calendar').set('Authorization', admin).expect(200)).body;
    const audits = await auditCount();
    const same = await request(server).put('/api/v1/calendar').set('Authorization', admin).send(read).expect(200);
    expect(same.body).toEqual(read);
    expect(await auditCount()).toBe(audits);

    // Two admins read the same version; the first saves, the second's save is refused, not merged over it.
    await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ ...read, horizonWeeks: read.horizonWeeks + 1 })
      .expect(200);
    const before = await settingsRow();
    const stale = await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', admin)
      .send({ ...read, qaMinutes: read.qaMinutes + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/calendar-changed$/);
    expect(await settingsRow()).toEqual(before);
  });

  it('accepts any IANA zone the runtime knows', async () => {
    await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ timeZone: 'Europe/Berlin' }).expect(200);
    expect((await settingsRow()).time_zone).toBe('Europe/Berlin');
    await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ timeZone: 'asia/almaty' }).expect(200);
    expect((await settingsRow()).time_zone).toBe('Asia/Almaty');
  });

  it('refuses PUT to coordinators (403) and leaves the settings alone', async () => {
    const before = await settingsRow();
    await request(server)
      .put('/api/v1/calendar')
      .set('Authorization', await bearer(t, 'coordinator'))
      .send({ qaMinutes: 0 })
      .expect(403);
    expect(await settingsRow()).toEqual(before);
  });
});
