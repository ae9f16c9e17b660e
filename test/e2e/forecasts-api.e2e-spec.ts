import request from 'supertest';
import { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { ForecastDataService } from '../../src/forecasts/forecast-data.service';
import { JOBS, jobId } from '../../src/queue/jobs/job-catalog';
import { ForecastProcessor } from '../../src/forecasts/forecast.processor';
import { JobRepository } from '../../src/queue/job.repository';
import { QUEUES } from '../../src/queue/queue-names';
import { startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

const forecastJobId = (forecastId: string) => jobId(JOBS.runForecast, { forecastId });

/** supertest leaves image/* bodies unparsed; read the SVG as text. */
function asText(res: request.Response, callback: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => callback(null, text));
}

/** Elements opened but not closed in order (a cheap well-formedness check without an XML parser). */
function unbalancedTags(xml: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)(?:\s[^>]*?)?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${m.index}`);
  }
  return [...problems, ...stack.map((n) => `<${n}> never closed`)];
}

describe('forecasts API (real worker, PostgreSQL and Redis)', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    ({
      t,
      auth: { admin, coordinator },
    } = await startApiApp({ demoCenter: true, users: ['admin', 'coordinator'] }));
  });
  afterAll(async () => t?.close());

  it('runs a forecast as a job: 202, progress while RUNNING, then DONE with weekly bands and a chart', async () => {
    const created = await http()
      .post('/api/v1/forecasts')
      .set('Authorization', admin)
      .send({ horizonWeeks: 12, runs: 30, seed: 5, changes: { extraRooms: 1 } })
      .expect(202);
    expect(created.body).toEqual({ id: expect.any(String), status: 'QUEUED' });
    const id = created.body.id as string;

    const seen: Array<{ status: string; progress: number }> = [];
    let body: { status: string; progress: number; result?: any } = { status: 'QUEUED', progress: 0 };
    const deadline = Date.now() + 90_000;
    while (body.status !== 'DONE' && body.status !== 'FAILED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 60));
      body = (await http().get(`/api/v1/forecasts/${id}`).set('Authorization', admin).expect(200)).body;
      seen.push({ status: body.status, progress: body.progress });
    }
    expect(body.status).toBe('DONE');
    expect(body.progress).toBe(1);
    // Progress moved through intermediate values on the row while the job ran.
    expect(seen.some((s) => s.status === 'RUNNING' && s.progress > 0 && s.progress < 1)).toBe(true);
    const progressValues = seen.map((s) => s.progress);
    expect(progressValues).toEqual([...progressValues].sort((a, b) => a - b));

    const result = body.result;
    expect(result.runs).toBe(30);
    expect(result.seed).toBe(5);
    expect(result.weeks).toHaveLength(12);
    expect(result.rooms).toHaveLength(4);
    expect(result.headline.target).toBe(800);
    expect(result.meta.arrivalSource).toBe('default');
    expect(Object.values(result.meta.roomNames).sort()).toEqual(['G1', 'G2', 'G3']);
    const w = result.weeks[6];
    expect(w.utilization.p50).toBeGreaterThan(0);
    expect(w.utilization.p90).toBeGreaterThanOrEqual(w.utilization.p50);
    expect(Object.keys(w.rooms)).toHaveLength(4);
    expect(w.waitDays.p90).toBeGreaterThanOrEqual(w.waitDays.p50);
    // One headline: the courses started in the 12 weeks, and the same count as a yearly pace.
    expect(result.headline.coursesStarted.p50).toBeGreaterThan(20);
    expect(result.headline.coursesStartedPerYear.p50).toBeCloseTo((result.headline.coursesStarted.p50 * 52) / 12, 0);
    expect(result.year).not.toHaveProperty('throughputPerYear');
    expect(result.meta.scenario).toBe('+1 room(s)');

    // The BullMQ job carries the progress as well.
    const job = await t.app.get(JobRepository).queue(QUEUES.forecast).getJob(forecastJobId(id));
    expect(job?.progress).toBe(1);

    const chart = await http().get(`/api/v1/forecasts/${id}/chart.svg`).set('Authorization', admin).buffer(true).parse(asText).expect(200);
    expect(chart.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = chart.body as string;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Room utilization per week');
    expect(svg).toContain('target 800');
    expect(svg).toContain('Scenario: +1 room(s)');
    expect(unbalancedTags(svg)).toEqual([]);
  });

  it('gives the same result for the same seed on the same data', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push((await http().post('/api/v1/forecasts').set('Authorization', admin).send({ horizonWeeks: 4, runs: 5, seed: 11 }).expect(202)).body.id);
    }
    const results = [];
    for (const id of ids) {
      let body: any = { status: 'QUEUED' };
      const deadline = Date.now() + 60_000;
      while (body.status !== 'DONE' && body.status !== 'FAILED' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        body = (await http().get(`/api/v1/forecasts/${id}`).set('Authorization', admin)).body;
      }
      expect(body.status).toBe('DONE');
      results.push(body.result);
    }
    // `now` differs by the time between the jobs, inside the same week: the weekly numbers agree.
    expect(results[1].weeks.map((w: any) => w.arrivals)).toEqual(results[0].weeks.map((w: any) => w.arrivals));
    expect(results[1].year.arrivalsPerYear).toEqual(results[0].year.arrivalsPerYear);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/forecasts', '/api/v1/forecasts/{id}', '/api/v1/forecasts/{id}/chart.svg', '/api/v1/capacity']),
    );
  });

  it('is for administrators only', async () => {
    await http().post('/api/v1/forecasts').set('Authorization', coordinator).send({ runs: 1 }).expect(403);
    const id = (await http().post('/api/v1/forecasts').set('Authorization', admin).send({ runs: 1, horizonWeeks: 1 }).expect(202)).body.id;
    await http().get(`/api/v1/forecasts/${id}`).set('Authorization', coordinator).expect(403);
    await http().get(`/api/v1/forecasts/${id}/chart.svg`).set('Authorization', coordinator).expect(403);
    await http().post('/api/v1/forecasts').send({ runs: 1 }).expect(401);
  });

  it('rejects bad input with problem+json and writes nothing', async () => {
    const ds = t.app.get(DataSource);
    const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM forecasts');
    for (const body of [
      { runs: 0 },
      { horizonWeeks: 500 },
      { seed: 1.5 },
      { changes: { hours: { mon: [['23:00', '07:00']] } } },
      { changes: { hours: { holiday: null } } },
      { changes: { saturdayShift: ['8am', '4pm'] } },
      { changes: { downtimes: [{ roomId: null, start: 'yesterday', end: '2027-01-01T00:00:00Z' }] } },
      { changes: { downtimes: [{ roomId: null, start: '2027-01-02T00:00:00Z', end: '2027-01-01T00:00:00Z' }] } },
      { arrivals: [{ key: 'X', patientCategory: 'ADULT', urgency: 'ROUTINE', requiresAnesthesia: false, ratePerWeek: 5, profiles: [] }] },
      { unknownField: true },
    ]) {
      const res = await http().post('/api/v1/forecasts').set('Authorization', admin).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const unknownRoom = await http()
      .post('/api/v1/forecasts')
      .set('Authorization', admin)
      .send({ changes: { downtimes: [{ roomId: '00000000-0000-4000-8000-000000000000', start: '2027-01-01T00:00:00Z', end: '2027-01-02T00:00:00Z' }] } });
    expect(unknownRoom.status).toBe(422);
    const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM forecasts');
    expect(after).toBe(before);
  });

  it('rejects arrays where objects are expected, and impossible instants, naming the field and writing nothing', async () => {
    const ds = t.app.get(DataSource);
    const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM forecasts');
    const arrival = {
      key: 'X',
      patientCategory: 'ADULT',
      urgency: 'ROUTINE',
      requiresAnesthesia: false,
      ratePerWeek: 5,
      profiles: [{ weight: 1, fractions: 5 }],
    };
    const cases: Array<[object, string]> = [
      [{ changes: [] }, 'changes'],
      [{ changes: [{ extraRooms: 1 }] }, 'changes'],
      [{ arrivals: [[]] }, 'arrivals'],
      [{ arrivals: [{ ...arrival, profiles: [[{ weight: 1, fractions: 5 }]] }] }, 'arrivals.0.profiles'],
      [{ changes: { downtimes: [[]] } }, 'changes.downtimes'],
      [{ changes: { downtimes: [{ roomId: null, start: '2027-02-30T00:00:00Z', end: '2027-03-05T00:00:00Z' }] } }, 'changes.downtimes.0.start'],
      [{ changes: { downtimes: [{ roomId: null, start: '2027-03-01T00:00:00Z', end: '2027-03-01T24:00:00Z' }] } }, 'changes.downtimes.0.end'],
    ];
    for (const [body, field] of cases) {
      const res = await http().post('/api/v1/forecasts').set('Authorization', admin).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(/\/validation$/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM forecasts');
    expect(after).toBe(before);
  });

  it('refuses at POST what the simulation could not run or would get wrong, instead of a 202 that fails or misleads later', async () => {
    const ds = t.app.get(DataSource);
    const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM forecasts');
    const arrival = (extra: object) => ({
      key: 'X',
      patientCategory: 'ADULT',
      urgency: 'ROUTINE',
      requiresAnesthesia: false,
      ratePerWeek: 5,
      profiles: [{ weight: 1, fractions: 5 }],
      ...extra,
    });
    const weekdays = (shifts: string[][]) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, shifts]));
    const cases: Array<[object, number, string]> = [
      // No shape to draw a course from: the worker failed with "needs at least one course profile with a positive weight".
      [{ arrivals: [arrival({ profiles: [{ weight: 0, fractions: 5 }] })] }, 400, 'arrivals.0.profiles'],
      // Overlapping shifts: the simulated rooms were open twice at once (nominal open minutes doubled).
      [
        {
          changes: {
            hours: weekdays([
              ['07:00', '23:00'],
              ['07:00', '23:00'],
            ]),
          },
        },
        400,
        'changes.hours',
      ],
      [
        {
          changes: {
            hours: {
              mon: [
                ['07:00', '15:00'],
                ['14:00', '23:00'],
              ],
            },
          },
        },
        400,
        'changes.hours',
      ],
      // The beam does not fit in the fraction (POST /courses refuses such a course with 422): every course unschedulable.
      [{ arrivals: [arrival({ profiles: [{ weight: 1, fractions: 5, fractionMinutes: 15 }] })] }, 422, 'arrivals.0.profiles.0.beamMinutes'],
      [{ arrivals: [arrival({ profiles: [{ weight: 1, fractions: 5, fractionMinutes: 30, beamMinutes: 25 }] })] }, 422, 'arrivals.0.profiles.0.beamMinutes'],
      // A scale for a category that does not exist changed nothing, silently.
      [{ changes: { categoryScale: { PEDIATRIK: 2 } } }, 400, 'changes.categoryScale.PEDIATRIK'],
    ];
    for (const [body, status, field] of cases) {
      const res = await http().post('/api/v1/forecasts').set('Authorization', admin).send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM forecasts');
    expect(after).toBe(before);
    // What stays accepted: touching shifts, known category keys, a rate of 0 with zero weights, an arrival's own key.
    for (const body of [
      {
        runs: 1,
        horizonWeeks: 1,
        changes: {
          hours: {
            mon: [
              ['07:00', '15:00'],
              ['15:00', '23:00'],
            ],
          },
          categoryScale: { PEDIATRIC: 2, ADULT_URGENT: 1.5, ROUTINE: 1, QUOTA_KG_PEDIATRIC_ONCOHEMATOLOGY_2027: 0 },
        },
      },
      {
        runs: 1,
        horizonWeeks: 1,
        arrivals: [arrival({ key: 'MINE', ratePerWeek: 0, profiles: [{ weight: 0, fractions: 5 }] })],
        changes: { categoryScale: { MINE: 2 } },
      },
    ]) {
      await http().post('/api/v1/forecasts').set('Authorization', admin).send(body).expect(202);
    }
  });

  it('stays QUEUED, not FAILED, while a failed attempt is retried, and then finishes', async () => {
    // Let earlier tests' forecasts finish first, so the one failing snapshot is this forecast's.
    const ds = t.app.get(DataSource);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM forecasts WHERE status IN ('QUEUED', 'RUNNING')`);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const snapshot = jest.spyOn(ForecastDataService.prototype, 'snapshot').mockRejectedValueOnce(new Error('connection terminated unexpectedly'));
    try {
      const id = (await http().post('/api/v1/forecasts').set('Authorization', admin).send({ horizonWeeks: 1, runs: 1, seed: 3 }).expect(202)).body.id;
      const seen: Array<{ status: string; error?: string }> = [];
      let body: { status: string; error?: string } = { status: 'QUEUED' };
      const deadline = Date.now() + 60_000;
      while (body.status !== 'DONE' && body.status !== 'FAILED' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        body = (await http().get(`/api/v1/forecasts/${id}`).set('Authorization', admin).expect(200)).body;
        seen.push({ status: body.status, error: body.error });
      }
      expect(snapshot).toHaveBeenCalledTimes(2);
      expect(body.status).toBe('DONE');
      expect(body.error).toBeUndefined();
      // Between the attempts it was QUEUED with the reason, never FAILED.
      expect(seen.some((s) => s.status === 'QUEUED' && /attempt 1 failed, retrying: connection terminated/.test(s.error ?? ''))).toBe(true);
    } finally {
      snapshot.mockRestore();
    }
  });

  it('does not stay RUNNING forever when its job is gone: a job Redis lost runs again, one the queue gave up on is FAILED', async () => {
    const ds = t.app.get(DataSource);
    const running = async () =>
      (
        await ds.query(`INSERT INTO forecasts (status, progress, input, created_by, started_at) VALUES ('RUNNING', 0.4, $1, 'test', now()) RETURNING id`, [
          JSON.stringify({ horizonWeeks: 1, runs: 1, seed: 5 }),
        ])
      )[0].id as string;
    const poll = async (id: string) => {
      let body: { status: string; error?: string } = { status: 'RUNNING' };
      for (const deadline = Date.now() + 60_000; !['DONE', 'FAILED'].includes(body.status) && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 50));
        body = (await http().get(`/api/v1/forecasts/${id}`).set('Authorization', admin).expect(200)).body;
      }
      return body;
    };

    // The worker died and Redis restarted empty: no job at all. It is queued again and finishes.
    expect(await poll(await running())).toMatchObject({ status: 'DONE' });

    // The queue failed the job for good while the row said RUNNING (BullMQ's stalled limit does
    // this without running our code): a real failed job, made by a worker of this test's own while
    // the app's worker is paused.
    const id = await running();
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.forecast));
    const appWorker = t.app.get(ForecastProcessor).worker;
    await appWorker.pause(true);
    // A paused worker still takes the job its pending blocking wait returns: let that wait end first.
    for (const deadline = Date.now() + 15_000; appWorker.isRunning() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    const killer = new Worker(queue.name, async () => Promise.reject(new Error('job stalled more than allowable limit')), {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
    });
    try {
      await queue.add(JOBS.runForecast.name, { forecastId: id }, { jobId: forecastJobId(id), attempts: 1 });
      for (const deadline = Date.now() + 30_000; (await queue.getJobState(forecastJobId(id))) !== 'failed' && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await killer.close();
      await appWorker.resume();
    }
    const body = await poll(id);
    expect(body.status).toBe('FAILED');
    expect(body.error).toMatch(/queue gave up on it \(job stalled more than allowable limit\); create the forecast again/);
  });

  it('answers 404 for an unknown forecast, 400 for a bad id and 409 for the chart of an unfinished one', async () => {
    await http().get('/api/v1/forecasts/00000000-0000-4000-8000-000000000000').set('Authorization', admin).expect(404);
    await http().get('/api/v1/forecasts/not-a-uuid').set('Authorization', admin).expect(400);
    const [row] = await t.app
      .get(DataSource)
      .query(`INSERT INTO forecasts (status, error, input, created_by, finished_at) VALUES ('FAILED', 'boom', '{}', 'test', now()) RETURNING id`);
    const res = await http().get(`/api/v1/forecasts/${row.id}/chart.svg`).set('Authorization', admin);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 409, forecastStatus: 'FAILED' });
    const failed = await http().get(`/api/v1/forecasts/${row.id}`).set('Authorization', admin).expect(200);
    expect(failed.body).toMatchObject({ status: 'FAILED', error: 'boom' });
    expect(failed.body.result).toBeUndefined();
  });
});
