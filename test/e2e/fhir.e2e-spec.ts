import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { validateBundle, validateR4 } from '../support/fhir-validator';
import { TestApp } from '../support/test-app';
import { grantQuota, waitFor } from './quotas-support';
import { dateIn } from './scheduling-fixtures';

const FHIR = '/fhir/R4';
const IIN_SYSTEM = 'urn:oid:1.2.398.7.1.1.2.1';
const KG_PIN_SYSTEM = 'https://beamtime.example/fhir/NamingSystem/kg-pin';
const QUOTA_EXT = 'https://beamtime.example/fhir/StructureDefinition/quota';

interface Bundle {
  resourceType: string;
  type: string;
  total?: number;
  link?: Array<{ relation: string; url: string }>;
  entry?: Array<{ fullUrl?: string; resource: { resourceType: string; id: string; [k: string]: unknown }; response?: { status: string; location: string } }>;
}

function patient(identifier: { system: string; value: string }, family = 'Toktogulov') {
  return {
    resourceType: 'Patient',
    identifier: [identifier],
    name: [{ family, given: ['Aibek'] }],
    gender: 'male',
    birthDate: '2018-03-14',
  };
}

function serviceRequest(quotaId: string, subject: string, earliestStart: string) {
  return {
    resourceType: 'ServiceRequest',
    extension: [{ url: QUOTA_EXT, valueString: quotaId }],
    status: 'active',
    intent: 'order',
    priority: 'routine',
    subject: { reference: subject },
    quantityQuantity: { value: 5, unit: 'fractions' },
    occurrenceTiming: { repeat: { boundsPeriod: { start: earliestStart } } },
    reasonCode: [{ coding: [{ system: 'https://beamtime.example/fhir/CodeSystem/diagnosis-group', code: 'ONCOHEMATOLOGY' }] }],
  };
}

function transaction(entries: Array<{ fullUrl: string; resource: object }>) {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map((e) => ({ ...e, request: { method: 'POST', url: (e.resource as { resourceType: string }).resourceType } })),
  };
}

const PDF = Buffer.from('%PDF-1.4\n% referral form\n%%EOF\n');

describe('FHIR R4: referrals in, schedules out', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let kg: string;
  let uz: string;
  let coordinator: string;
  let quotaId: string;
  const start = dateIn(7);

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { 'ministry-kg': kg, 'ministry-uz': uz, coordinator },
    } = await startApiApp({ role: 'all', users: ['admin', 'ministry-kg', 'ministry-uz', 'coordinator'] }));
    for (const name of ['G1', 'G2']) await db.query(`INSERT INTO rooms (name, kind) VALUES ($1, 'GANTRY')`, [name]);
    quotaId = (await grantQuota(t, { countryCode: 'KG', year: Number(start.slice(0, 4)), granted: 10 })).id;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, auth: string) => request(server).get(`${FHIR}${path}`).set('Authorization', auth).set('Accept', 'application/fhir+json');
  const post = (path: string, auth: string, body: object) =>
    request(server).post(`${FHIR}${path}`).set('Authorization', auth).set('Content-Type', 'application/fhir+json').send(JSON.stringify(body));

  const counts = async () => {
    const [row] = await db.query(
      `SELECT (SELECT count(*)::int FROM patients) AS patients, (SELECT count(*)::int FROM referrals) AS referrals,
              (SELECT count(*)::int FROM courses) AS courses, (SELECT count(*)::int FROM referral_documents) AS documents,
              (SELECT used FROM quotas WHERE id = $1) AS used`,
      [quotaId],
    );
    return row as Record<string, number>;
  };

  /** A refusal: 4xx, an OperationOutcome as application/fhir+json whose issues name `expression`. */
  function expectOutcome(res: request.Response, status: number, expression?: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    validateR4(res.body);
    expect(res.body.resourceType).toBe('OperationOutcome');
    if (expression)
      expect(res.body.issue.flatMap((i: { expression?: string[] }) => i.expression ?? [])).toEqual(expect.arrayContaining([expect.stringMatching(expression)]));
  }

  it('the CapabilityStatement is valid R4 and lists the served resources', async () => {
    const res = await request(server).get(`${FHIR}/metadata`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    validateR4(res.body);
    const resources = res.body.rest[0].resource as Array<{ type: string; searchParam: Array<{ name: string }> }>;
    expect(resources.map((r) => r.type)).toEqual(['Patient', 'ServiceRequest', 'CarePlan', 'Appointment', 'Location', 'Schedule', 'Slot', 'DocumentReference']);
    expect(resources.find((r) => r.type === 'Appointment')!.searchParam.map((p) => p.name)).toEqual(['date', 'patient', 'status']);
    // Everything else needs a token, and says so as an OperationOutcome.
    expectOutcome(await request(server).get(`${FHIR}/Patient`), 401);
    expectOutcome(await request(server).post(`${FHIR}/ServiceRequest`).send({}), 401);
    expectOutcome(await post('/ServiceRequest', coordinator, {}), 403);
  });

  it('a KG ministry posts a transaction Bundle; the worker allocates; CarePlan and Appointments read back valid; UZ sees none of it', async () => {
    const before = await counts();
    const bundle = transaction([
      { fullUrl: 'urn:uuid:7d3c1f0e-0000-4000-8000-000000000001', resource: patient({ system: KG_PIN_SYSTEM, value: '21403201800123' }) },
      { fullUrl: 'urn:uuid:7d3c1f0e-0000-4000-8000-000000000002', resource: serviceRequest(quotaId, 'urn:uuid:7d3c1f0e-0000-4000-8000-000000000001', start) },
      {
        fullUrl: 'urn:uuid:7d3c1f0e-0000-4000-8000-000000000003',
        resource: {
          resourceType: 'DocumentReference',
          status: 'current',
          content: [{ attachment: { contentType: 'application/pdf', title: 'Referral form', data: PDF.toString('base64') } }],
          context: { related: [{ reference: 'urn:uuid:7d3c1f0e-0000-4000-8000-000000000002' }] },
        },
      },
    ]);
    const res = await post('', kg, bundle).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    validateBundle(res.body);
    const body = res.body as Bundle;
    expect(body.type).toBe('transaction-response');
    expect(body.entry!.map((e) => e.resource.resourceType)).toEqual(['Patient', 'ServiceRequest', 'DocumentReference']);
    expect(body.entry!.every((e) => e.response!.status === '201 Created')).toBe(true);
    const [pat, sr, doc] = body.entry!.map((e) => e.resource);
    expect(pat.identifier).toEqual([{ use: 'official', system: KG_PIN_SYSTEM, value: '21403201800123' }]);
    expect(sr.subject).toEqual({ reference: `Patient/${pat.id}` });
    expect(await counts()).toEqual({
      patients: before.patients + 1,
      referrals: before.referrals + 1,
      courses: before.courses + 1,
      documents: before.documents + 1,
      used: before.used + 1,
    });

    // The worker allocates the course; its CarePlan then lists the five fractions.
    const plan = await waitFor(
      async () => {
        const found = (await get(`/CarePlan?patient=Patient/${pat.id}`, kg).expect(200)).body as Bundle;
        const p = found.entry?.[0]?.resource;
        return p && (p.activity as unknown[] | undefined)?.length === 5 ? found : undefined;
      },
      90_000,
      250,
    );
    validateBundle(plan);
    const carePlan = plan.entry![0].resource;
    expect(carePlan).toMatchObject({
      status: 'active',
      intent: 'plan',
      basedOn: [{ reference: `ServiceRequest/${sr.id}` }],
      subject: { reference: `Patient/${pat.id}` },
    });
    validateR4((await get(`/CarePlan/${carePlan.id}`, kg).expect(200)).body);

    const appts = (await get(`/Appointment?patient=${pat.id}&status=booked`, kg).expect(200)).body as Bundle;
    validateBundle(appts);
    expect(appts.total).toBe(5);
    for (const { resource } of appts.entry!) {
      expect(resource.status).toBe('booked');
      expect(resource.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect((resource.participant as Array<{ actor: { reference: string } }>).map((p) => p.actor.reference)).toEqual([
        `Patient/${pat.id}`,
        expect.stringMatching(/^Location\//),
      ]);
    }
    const location = (appts.entry![0].resource.participant as Array<{ actor: { reference: string } }>)[1].actor.reference;
    validateR4((await get(`/${location}`, kg).expect(200)).body);
    const one = (await get(`/Appointment/${appts.entry![0].resource.id}`, kg).expect(200)).body;
    validateR4(one);
    expect(one).toEqual(appts.entry![0].resource);
    validateR4((await get(`/ServiceRequest/${sr.id}`, kg).expect(200)).body);
    validateR4((await get(`/Patient/${pat.id}`, kg).expect(200)).body);
    const document = (await get(`/DocumentReference/${doc.id}`, coordinator).expect(200)).body;
    validateR4(document);
    expect(Buffer.from(document.content[0].attachment.data, 'base64')).toEqual(PDF);

    // Paging over the five fractions: two by two, following the next links.
    const seen: string[] = [];
    let next: string | undefined = `${FHIR}/Appointment?patient=Patient/${pat.id}&_count=2`;
    while (next) {
      const page = (
        await request(server)
          .get(next.replace(/^https?:\/\/[^/]+/, ''))
          .set('Authorization', kg)
          .expect(200)
      ).body as Bundle;
      validateBundle(page);
      seen.push(...(page.entry ?? []).map((e) => e.resource.id));
      next = page.link?.find((l) => l.relation === 'next')?.url;
    }
    expect(seen).toEqual(appts.entry!.map((e) => e.resource.id));
    const counted = (await get(`/Appointment?patient=Patient/${pat.id}&_summary=count`, kg).expect(200)).body as Bundle;
    expect(counted).toMatchObject({ total: 5 });
    expect(counted.entry).toEqual([]);

    // Searches by identifier and by date find the same; the UZ ministry sees none of it.
    const byPin = (await get(`/Patient?identifier=${encodeURIComponent(`${KG_PIN_SYSTEM}|21403201800123`)}`, kg).expect(200)).body as Bundle;
    expect(byPin.entry!.map((e) => e.resource.id)).toEqual([pat.id]);
    const firstDay = (appts.entry![0].resource.start as string).slice(0, 10);
    const byDate = (await get(`/Appointment?date=ge${firstDay}&date=lt2099-01-01&patient=${pat.id}`, kg).expect(200)).body as Bundle;
    expect(byDate.total).toBe(5);
    for (const path of ['/Patient', '/ServiceRequest', '/CarePlan', '/Appointment', `/DocumentReference?related=ServiceRequest/${sr.id}`]) {
      const theirs = (await get(path, uz).expect(200)).body as Bundle;
      validateBundle(theirs);
      expect(theirs.total).toBe(0);
    }
    for (const path of [
      `/Patient/${pat.id}`,
      `/ServiceRequest/${sr.id}`,
      `/CarePlan/${carePlan.id}`,
      `/Appointment/${one.id}`,
      `/DocumentReference/${doc.id}`,
    ]) {
      expectOutcome(await get(path, uz), 404);
    }
  }, 180_000);

  it('a ServiceRequest with its Patient contained creates a referral; Location header; valid', async () => {
    const res = await post('/ServiceRequest', kg, {
      ...serviceRequest(quotaId, '#p', dateIn(9)),
      contained: [{ ...patient({ system: KG_PIN_SYSTEM, value: '11203198700456' }, 'Sadykova'), id: 'p', gender: 'female' }],
    }).expect(201);
    validateR4(res.body);
    expect(res.headers.location).toMatch(new RegExp(`${FHIR}/ServiceRequest/${res.body.id}$`));
    expect(res.body).toMatchObject({ status: 'active', intent: 'order', priority: 'routine' });
  });

  it('invalid IIN/PIN, a missing element, a wrong resourceType: 4xx OperationOutcome at the field, nothing written', async () => {
    const before = await counts();
    const urn = (n: number) => `urn:uuid:00000000-0000-4000-8000-00000000000${n}`;
    const referral = (person: object, sr: object = serviceRequest(quotaId, urn(1), start)) =>
      transaction([
        { fullUrl: urn(1), resource: person },
        { fullUrl: urn(2), resource: sr },
      ]);
    // 900101300126 is a valid IIN; the last digit changed breaks its check digit.
    expectOutcome(
      await post('', kg, referral(patient({ system: IIN_SYSTEM, value: '900101300123' }))),
      422,
      /^Bundle\.entry\[0\]\.resource\.identifier\[0\]\.value$/,
    );
    expectOutcome(await post('', kg, referral(patient({ system: KG_PIN_SYSTEM, value: '2140320180012' }))), 422, /identifier\[0\]\.value$/);
    const noBirthDate = { ...patient({ system: IIN_SYSTEM, value: '900101300126' }), birthDate: undefined };
    expectOutcome(await post('', kg, referral(noBirthDate)), 422, /^Bundle\.entry\[0\]\.resource\.birthDate$/);
    const noFractions = { ...serviceRequest(quotaId, urn(1), start), quantityQuantity: undefined };
    expectOutcome(await post('', kg, referral(patient({ system: IIN_SYSTEM, value: '900101300126' }), noFractions)), 422, /quantityQuantity\.value$/);
    expectOutcome(await post('/ServiceRequest', kg, { ...patient({ system: IIN_SYSTEM, value: '900101300126' }) }), 400, /resourceType$/);
    expectOutcome(await post('', kg, { resourceType: 'Patient' }), 400, /resourceType$/);
    // A rule the referral service keeps (a ministry cannot declare an emergency) comes back at its FHIRPath too.
    const stat = { ...serviceRequest(quotaId, urn(1), start), priority: 'stat' };
    expectOutcome(await post('', kg, referral(patient({ system: IIN_SYSTEM, value: '900101300126' }), stat)), 422, /\.priority$/);
    expectOutcome(await get('/Appointment?dat=ge2027-01-01', kg), 400);
    expectOutcome(await get('/Appointment?date=around2027', kg), 400, /^date$/);
    expect(await counts()).toEqual(before);
  });

  it('the JSON API takes the national number too, refuses a bad check digit (422) and a duplicate (409)', async () => {
    const body = (value: string) => ({
      firstName: 'Dana',
      lastName: 'Serikova',
      birthDate: '1990-01-01',
      sex: 'female',
      countryCode: 'KZ',
      nationalId: { system: 'KZ-IIN', value },
    });
    const created = await request(server).post('/api/v1/patients').set('Authorization', coordinator).send(body('900101300126')).expect(201);
    expect(created.body.nationalId).toEqual({ system: 'KZ-IIN', value: '900101300126' });
    const wrong = await request(server).post('/api/v1/patients').set('Authorization', coordinator).send(body('900101300123'));
    expect(wrong.status).toBe(422);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(server).post('/api/v1/patients').set('Authorization', coordinator).send(body('900101300126'))).status).toBe(409);
    const found = (await get(`/Patient?identifier=900101300126`, coordinator).expect(200)).body as Bundle;
    expect(found.entry!.map((e) => e.resource.id)).toEqual([created.body.id]);
    validateBundle(found);
  });

  it('Schedule and free Slots per room kind are valid and exclude booked time', async () => {
    const schedules = (await get('/Schedule', coordinator).expect(200)).body as Bundle;
    validateBundle(schedules);
    expect(schedules.entry!.map((e) => e.resource.id)).toEqual(['gantry']);
    const slots = (await get(`/Slot?schedule=Schedule/gantry&status=free&start=ge${dateIn(7)}&start=lt${dateIn(14)}&_count=50`, kg).expect(200)).body as Bundle;
    validateBundle(slots);
    expect(slots.total).toBeGreaterThan(0);
    const booked: Array<{ room_id: string; start: Date; end: Date }> = await db.query(`SELECT room_id, start, "end" FROM appointments WHERE status = 'BOOKED'`);
    const all = (await get(`/Slot?schedule=gantry&start=ge${dateIn(7)}&start=lt${dateIn(14)}&_count=1000`, kg).expect(200)).body as Bundle;
    for (const { resource } of all.entry!) {
      const [s, e] = [Date.parse(resource.start as string), Date.parse(resource.end as string)];
      const roomId = resource.id.split('.')[1];
      expect(booked.some((b) => b.room_id === roomId && b.start.getTime() < e && b.end.getTime() > s)).toBe(false);
    }
    expectOutcome(await get('/Slot?status=busy', kg), 400, /^status$/);
  });
});
