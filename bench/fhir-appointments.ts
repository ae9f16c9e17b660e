/**
 * npm run bench:fhir — what GET /fhir/R4/Appointment?date=ge…&date=lt…&_count=500 costs for a booked
 * month: on a scratch database, --rooms gantries (6) open Mon–Fri 07:00–23:00 are filled with 30-minute
 * fractions for four weeks (6 rooms: 3,840 fractions), one patient and 20-fraction course per room and
 * slot. Follows the searchset's next links page by page and times each page: FhirReadService's search
 * (both queries, mapping to FHIR resources) plus JSON serialisation, no HTTP. Prints JSON (ms).
 * Options: --rooms R (6) --iterations N (5): N passes over all pages.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../src/center/center-config.service';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { FhirRepository } from '../src/fhir/fhir.repository';
import { FhirReadService } from '../src/fhir/fhir-read.service';
import { RoomRepository } from '../src/rooms/room.repository';
import { numberArg } from './cli-args';

const MONDAY = '2027-03-01';
const PAGE = 500;

/** Four weeks booked solid, Monday to Friday; returns the number of fractions. */
async function fillBookedMonth(ds: DataSource, rooms: number): Promise<number> {
  await ds.query(`UPDATE center_settings SET shared_beam = false, holidays = 'NONE'`);
  await ds.query(`INSERT INTO rooms (name, kind) SELECT 'R' || lpad(i::text, 2, '0'), 'GANTRY' FROM generate_series(1, $1) i`, [rooms]);
  await ds.query(`
    WITH slots AS (
      SELECT r.id AS room_id, s AS slot, row_number() OVER () AS n FROM rooms r, generate_series(0, 31) s),
    p AS (
      INSERT INTO patients (first_name, last_name, birth_date, sex, country_code, mrn)
      SELECT 'Patient' || n, 'Bench', DATE '1970-01-01' + (n % 20000)::int, 'female', 'KZ', 'BENCH-' || n FROM slots RETURNING id, mrn),
    c AS (
      INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                           earliest_start, due_start, status, submission_no, submitted_at)
      SELECT p.id, 'CNS', 'ROUTINE', 20, 5, 30, 8, 10, DATE '${MONDAY}', DATE '${MONDAY}', 'SCHEDULED', 1, now()
        FROM p RETURNING id, patient_id)
    INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
    SELECT c.id, w * 5 + d + 1, s.room_id, t, t + interval '30 minutes', t + interval '10 minutes', t + interval '18 minutes', s.room_id::text, false, 'BOOKED'
      FROM c JOIN p ON p.id = c.patient_id JOIN slots s ON p.mrn = 'BENCH-' || s.n,
           generate_series(0, 3) w, generate_series(0, 4) d,
           LATERAL (SELECT (TIMESTAMPTZ '${MONDAY} 07:00:00+05:00' + (w * 7 + d) * interval '1 day' + s.slot * interval '30 minutes') AS t) tt`);
  const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM appointments`)) as Array<{ n: number }>;
  await ds.query('ANALYZE');
  return n;
}

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]) };
}

/** Just what searchBundle reads of a request to write the self and next links. */
function requestFor(url: string): Request {
  return { protocol: 'http', get: () => 'localhost', originalUrl: url, url } as unknown as Request;
}

async function main(): Promise<void> {
  const roomCount = numberArg('rooms', 6);
  const iterations = numberArg('iterations', 5);
  const base = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  const url = `${base}/beamtime_bench_fhir_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  const ds = new DataSource(typeOrmOptions(url));
  try {
    await runMigrations(url);
    await ds.initialize();
    const fractions = await fillBookedMonth(ds, roomCount);
    const fhir = new FhirReadService(new FhirRepository(ds), new CenterConfigService(ds), new RoomRepository(ds));
    const date = ['ge2027-03-01', 'lt2027-04-01'];
    const pageMs: number[] = [];
    let pages = 0;
    let entries = 0;
    let maxBytes = 0;
    for (let i = 0; i <= iterations; i++) {
      let offset: number | undefined = 0;
      pages = 0;
      entries = 0;
      while (offset !== undefined) {
        const path = `/fhir/R4/Appointment?date=ge2027-03-01&date=lt2027-04-01&_count=${PAGE}&_offset=${offset}`;
        const t0 = performance.now();
        const bundle = await fhir.searchAppointments(requestFor(path), { date, _count: PAGE, _offset: offset });
        const bytes = JSON.stringify(bundle).length;
        const ms = performance.now() - t0;
        if (i > 0) pageMs.push(ms); // the first pass warms the caches and the plan
        maxBytes = Math.max(maxBytes, bytes);
        pages += 1;
        entries += bundle.entry?.length ?? 0;
        const next = bundle.link?.find((l) => l.relation === 'next')?.url;
        offset = next ? Number(new URL(next).searchParams.get('_offset')) : undefined;
      }
    }
    if (entries !== fractions) throw new Error(`paged ${entries} appointments, expected ${fractions}`);
    console.log(
      JSON.stringify(
        {
          bench: 'fhir-appointments',
          setup: { rooms: roomCount, fractions, pageSize: PAGE, pages, iterations },
          page: { maxJsonBytes: maxBytes, ms: stats(pageMs) },
          budgetMs: 500,
        },
        null,
        2,
      ),
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(url);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
