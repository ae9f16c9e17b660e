import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

type FieldError = { field: string; messages: string[] };

/** `{"username":{"a":{"a":…1…}}}`: the shape that overflowed the stack in validation and idempotency hashing. */
const deepJson = (depth: number, field = 'username'): string => `{"${field}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

function expectProblem(res: request.Response, status: number, slug: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.type).toBe(`https://beamtime.example/problems/${slug}`);
  expect(res.body.status).toBe(status);
}

/** A validation problem naming the field; fields marked IsOptionalNotNull also say so in words. */
function expectNullRejected(res: request.Response, field: string, saysNotNull = true): void {
  expectProblem(res, 400, 'validation');
  const error = (res.body.errors as FieldError[]).find((e) => e.field === field);
  expect(error).toBeDefined();
  if (saysNotNull) expect(error?.messages).toContain(`${field.split('.').pop()} must not be null`);
}

describe('bad input never reaches the database (NUL, deep nesting, explicit null)', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator },
    } = await startApiApp({ role: 'api', users: ['admin', 'coordinator'] }));
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const patient = { firstName: 'Aigerim', lastName: 'Nurlanovna', birthDate: '1980-01-01', sex: 'female', countryCode: 'KZ' };

  describe('a NUL character (PostgreSQL text cannot hold one)', () => {
    it('in the unauthenticated login body answers 400, not 500', async () => {
      const res = await request(server).post('/api/v1/auth/login').send({ username: 'adm\u0000in', password: 'x' });
      expectProblem(res, 400, 'invalid-character');
      expect(res.body.detail).toMatch(/NUL/);
    });

    it('in a form-encoded login body never reaches a parser: a form answers 415', async () => {
      const res = await request(server).post('/api/v1/auth/login').type('form').send('username=adm%00in&password=x');
      expectProblem(res, 415, 'unsupported-media-type');
    });

    it('in a patient body (value or key) answers 400 and creates nothing', async () => {
      const before = await count('patients');
      expectProblem(
        await request(server)
          .post('/api/v1/patients')
          .set('Authorization', coordinator)
          .send({ ...patient, firstName: 'A\u0000' }),
        400,
        'invalid-character',
      );
      expectProblem(
        await request(server)
          .post('/api/v1/patients')
          .set('Authorization', coordinator)
          .send({ ...patient, 'mrn\u0000': 'x' }),
        400,
        'invalid-character',
      );
      expect(await count('patients')).toBe(before);
    });

    it('in a query string or path answers 400', async () => {
      expectProblem(await request(server).get('/api/v1/patients?search=%00').set('Authorization', coordinator), 400, 'invalid-character');
      expectProblem(await request(server).get('/api/v1/audit?id=%00').set('Authorization', admin), 400, 'invalid-character');
      expectProblem(await request(server).get('/api/v1/audit?entity=a%00b').set('Authorization', admin), 400, 'invalid-character');
      expectProblem(await request(server).get('/api/v1/rooms/%00').set('Authorization', admin), 400, 'invalid-character');
    });

    it('leaves an escaped "%00" text alone', async () => {
      await request(server).get('/api/v1/patients?search=%2500').set('Authorization', coordinator).expect(200);
    });
  });

  it('reads integer query parameters as plain decimal digits only (0x10, 1e1 and +5 are 400)', async () => {
    for (const [path, token, field] of [
      ['/patients?limit=0x10', coordinator, 'limit'],
      ['/audit?limit=1e1', admin, 'limit'],
      ['/quotas?year=0x7eb', admin, 'year'],
      ['/holidays?year=%2B2027', admin, 'year'],
    ]) {
      const res = await request(server).get(`/api/v1${path}`).set('Authorization', token);
      expectProblem(res, 400, 'validation');
      expect((res.body.errors as FieldError[]).map((e) => e.field)).toEqual([field]);
    }
    await request(server).get('/api/v1/quotas?year=2027').set('Authorization', admin).expect(200);
  });

  describe('text the rules refuse, in any field of any body (text-rules.ts via the input guard)', () => {
    it.each([
      [
        'a lone surrogate in a password (no text decorator on it)',
        { username: 'text-rules-1', password: 'long\ud800enough', role: 'COORDINATOR' },
        'password',
        /lone surrogate/,
      ],
      ['a BEL in a password', { username: 'text-rules-2', password: 'long\u0007enough', role: 'COORDINATOR' }, 'password', /control characters/],
    ])('%s answers 400 validation naming the field and writes nothing', async (_label, body, field, reason) => {
      const [users, audit] = [await count('users'), await count('audit_log')];
      const res = await request(server).post('/api/v1/users').set('Authorization', admin).send(body);
      expectProblem(res, 400, 'validation');
      expect(res.body.errors).toEqual([expect.objectContaining({ field, messages: [expect.stringMatching(reason)] })]);
      expect([await count('users'), await count('audit_log')]).toEqual([users, audit]);
    });

    it('names the path of a nested string', async () => {
      const res = await request(server)
        .post('/api/v1/forecasts')
        .set('Authorization', admin)
        .send({ runs: 1, arrivals: [{ key: 'A\u0007' }] });
      expectProblem(res, 400, 'validation');
      expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(['arrivals.0.key']);
    });
  });

  describe('deeply nested JSON', () => {
    it('on the unauthenticated login answers 400, not a stack overflow', async () => {
      const res = await request(server).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(deepJson(3000));
      expectProblem(res, 400, 'nesting-too-deep');
      expect(res.body.detail).toMatch(/32/);
    });

    it('on an authenticated POST with an Idempotency-Key answers 400 and claims no key', async () => {
      const [patientsBefore, keysBefore] = [await count('patients'), await count('idempotency_keys')];
      const res = await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .set('Idempotency-Key', 'deep-1')
        .set('Content-Type', 'application/json')
        .send(deepJson(3000, 'firstName'));
      expectProblem(res, 400, 'nesting-too-deep');
      expect(await count('patients')).toBe(patientsBefore);
      expect(await count('idempotency_keys')).toBe(keysBefore);
    });

    it('a 1 MB array nest is refused without tying up the server', async () => {
      const depth = 500_000;
      const started = Date.now();
      const res = await request(server)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      expectProblem(res, 400, 'nesting-too-deep');
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('an ordinary nested body (calendar hours) still passes', async () => {
      const hours = {
        mon: [['07:00', '23:00']],
        tue: [['07:00', '23:00']],
        wed: [['07:00', '23:00']],
        thu: [['07:00', '23:00']],
        fri: [['07:00', '23:00']],
        sat: null,
        sun: null,
      };
      await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ hours }).expect(200);
    });
  });

  describe('an explicit null in an optional field of a non-nullable column', () => {
    let roomId: string;
    beforeAll(async () => {
      const res = await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ name: 'NullRoom', kind: 'GANTRY' }).expect(201);
      roomId = res.body.id;
    });
    const roomRow = async () => (await db.query('SELECT * FROM rooms WHERE id = $1', [roomId]))[0] as Record<string, unknown>;

    it.each(['kind', 'name', 'active'])('PATCH /rooms/:id {"%s":null} answers 400 and leaves the room as it was', async (field) => {
      const before = await roomRow();
      // name and kind are required on create, so their own validators (not IsOptionalNotNull) reject the null.
      expectNullRejected(
        await request(server)
          .patch(`/api/v1/rooms/${roomId}`)
          .set('Authorization', admin)
          .send({ [field]: null }),
        field,
        field === 'active',
      );
      expect(await roomRow()).toEqual(before);
    });

    it('POST /rooms {"active":null} answers 400 and creates nothing', async () => {
      const before = await count('rooms');
      expectNullRejected(
        await request(server).post('/api/v1/rooms').set('Authorization', admin).send({ name: 'NullRoom2', kind: 'GANTRY', active: null }),
        'active',
      );
      expect(await count('rooms')).toBe(before);
    });

    const settingsRow = async () => (await db.query('SELECT * FROM center_settings'))[0] as Record<string, unknown>;
    it.each([
      ['anesthesia.teams', { anesthesia: { teams: null } }],
      ['anesthesia.windows', { anesthesia: { windows: null } }],
      ['anesthesia', { anesthesia: null }],
      ['hours', { hours: null }],
      ['timeZone', { timeZone: null }],
      ['sharedBeam', { sharedBeam: null }],
      ['crossBorderShare', { crossBorderShare: null }],
    ])('PUT /calendar with %s null answers 400 and leaves the settings as they were', async (field, body) => {
      const before = await settingsRow();
      expectNullRejected(await request(server).put('/api/v1/calendar').set('Authorization', admin).send(body), field);
      expect(await settingsRow()).toEqual(before);
    });

    const userRow = async (username: string) =>
      (await db.query('SELECT id, role, country_code, active, password_hash FROM users WHERE username = $1', [username]))[0] as { id: string } & Record<
        string,
        unknown
      >;
    it.each(['password', 'active', 'role'])('PATCH /users/:id {"%s":null} answers 400 and leaves the account as it was', async (field) => {
      const before = await userRow('coordinator');
      const res = await request(server)
        .patch(`/api/v1/users/${before.id}`)
        .set('Authorization', admin)
        .send({ [field]: null });
      expectNullRejected(res, field);
      expect(await userRow('coordinator')).toEqual(before);
    });

    it('PATCH /users/:id {"countryCode":null} is still the way to clear a country', async () => {
      const { id } = await userRow('coordinator');
      await request(server).patch(`/api/v1/users/${id}`).set('Authorization', admin).send({ countryCode: null }).expect(200);
    });
  });

  describe('keys of the object machinery, bytes that are not UTF-8, ids that are not UUIDs', () => {
    it.each(['__proto__', 'constructor', 'prototype'])('a body with a %s key answers 400 and writes nothing', async (key) => {
      const before = await count('patients');
      const body = `{"${key}":{"admin":true},"firstName":"P","lastName":"Proto","birthDate":"1990-01-01","sex":"male","countryCode":"KZ"}`;
      const res = await request(server).post('/api/v1/patients').set('Authorization', coordinator).type('json').send(body);
      expectProblem(res, 400, 'reserved-key');
      expect(await count('patients')).toBe(before);
    });

    it('a body that is not valid UTF-8 answers 400 instead of storing U+FFFD as a name', async () => {
      const before = await count('patients');
      const body = Buffer.concat([
        Buffer.from('{"firstName":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('","lastName":"U","birthDate":"1990-01-01","sex":"male","countryCode":"KZ"}'),
      ]);
      const res = await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .set('Content-Type', 'application/json; charset=utf-8')
        .serialize((raw: Buffer) => raw as unknown as string)
        .send(body);
      expectProblem(res, 400, 'invalid-encoding');
      expect(await count('patients')).toBe(before);
      // Cyrillic and Kazakh letters are UTF-8 like any other text.
      await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .send({ ...patient, firstName: 'Әлия', lastName: 'Нұрланқызы' })
        .expect(201);
    });

    it('a body that is not JSON (a form, multipart, text) answers 415 problem+json and creates nothing', async () => {
      const before = await count('patients');
      const form = await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .type('form')
        .send('firstName=Form&lastName=Body&birthDate=1980-01-01&sex=female&countryCode=KZ');
      expectProblem(form, 415, 'unsupported-media-type');
      expect(form.body.detail).toMatch(/application\/x-www-form-urlencoded/);
      const proto = await request(server).post('/api/v1/patients').set('Authorization', coordinator).type('form').send('__proto__[admin]=1');
      expectProblem(proto, 415, 'unsupported-media-type');
      const text = await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(patient));
      expectProblem(text, 415, 'unsupported-media-type');
      const multipart = await request(server).post('/api/v1/patients').set('Authorization', coordinator).field('firstName', 'Multi');
      expectProblem(multipart, 415, 'unsupported-media-type');
      expect(await count('patients')).toBe(before);
      // JSON with a charset or a +json type is JSON; a bodyless POST is not refused for its missing type.
      await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify(patient))
        .expect(201);
      await request(server)
        .post('/api/v1/auth/logout')
        .set('Authorization', coordinator)
        .expect((res) => expect(res.status).not.toBe(415));
    });

    it('an unknown room in a downtime names the field under errors (422)', async () => {
      const res = await request(server)
        .post('/api/v1/downtimes')
        .set('Authorization', admin)
        .send({ roomId: '11111111-1111-4111-8111-111111111111', kind: 'PLANNED', start: '2027-02-01T08:00:00+05:00', end: '2027-02-01T09:00:00+05:00' });
      expectProblem(res, 422, 'unknown-room');
      expect(res.body.errors).toEqual([{ field: 'roomId', messages: [res.body.detail], code: 'unknown-room' }]);
    });

    it('an id in the path that is not a UUID answers 400 naming the field', async () => {
      const res = await request(server).get('/api/v1/rooms/zzz').set('Authorization', admin);
      expectProblem(res, 400, 'invalid-id');
      expect(res.body.errors).toEqual([{ field: 'id', messages: ['The id in the path must be a UUID'], code: 'invalid-id' }]);
    });

    it('a service check that names a field lists it under errors too (422)', async () => {
      const res = await request(server)
        .post('/api/v1/patients')
        .set('Authorization', coordinator)
        .send({ ...patient, countryCode: 'XX' });
      expectProblem(res, 422, 'unknown-country');
      expect(res.body.errors).toEqual([{ field: 'countryCode', messages: [res.body.detail], code: 'unknown-country' }]);
    });
  });
});
