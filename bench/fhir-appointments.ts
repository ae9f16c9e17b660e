/**
 * npm run bench:fhir — what GET /fhir/R4/Appointment?date=ge…&date=lt…&_count=500 costs for a booked
 * month: on a scratch database, --rooms gantries (6) open Mon–Fri 07:00–23:00 are filled with 30-minute
 * fractions for four weeks (6 rooms: 3,840 fractions), one patient and 20-fraction course per room and
 * slot. Follows the searchset's next links page by page and times each page: FhirReadService's search
 * (both queries, mapping to FHIR resources) plus JSON serialisation, no HTTP. Prints JSON (ms).
 * Options: --rooms R (6) --iterations N (5): N passes over all pages.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Request } from 'express';
import { CenterConfigService } from '../src/center/center-config.service';
import { FhirRepository } from '../src/fhir/fhir.repository';
import { FhirReadService } from '../src/fhir/fhir-read.service';
import { RoomRepository } from '../src/rooms/room.repository';
import { BOOKED_WEEK_MONDAY, fillBookedWeek } from './booked-week';
import { numberArg } from './cli-args';
import { latencyStats } from './latency-stats';
import { withScratchDatabase } from './scratch-database';

/** The month the four booked weeks fall in. */
const FROM = `ge${BOOKED_WEEK_MONDAY}`;
const UNTIL = 'lt2027-04-01';
const PAGE = 500;

/** Just what searchBundle reads of a request to write the self and next links. */
function requestFor(url: string): Request {
  return { protocol: 'http', get: () => 'localhost', originalUrl: url, url } as unknown as Request;
}

async function main(): Promise<void> {
  const roomCount = numberArg('rooms', 6);
  const iterations = numberArg('iterations', 5);
  return withScratchDatabase('fhir', async (ds) => {
    const fractions = await fillBookedWeek(ds, roomCount, 4);
    const fhir = new FhirReadService(new FhirRepository(ds), new CenterConfigService(ds), new RoomRepository(ds));
    const date = [FROM, UNTIL];
    const pageMs: number[] = [];
    let pages = 0;
    let entries = 0;
    let maxBytes = 0;
    for (let i = 0; i <= iterations; i++) {
      let offset: number | undefined = 0;
      pages = 0;
      entries = 0;
      while (offset !== undefined) {
        const path = `/fhir/R4/Appointment?date=${FROM}&date=${UNTIL}&_count=${PAGE}&_offset=${offset}`;
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
          page: { maxJsonBytes: maxBytes, ms: latencyStats(pageMs) },
          budgetMs: 500,
        },
        null,
        2,
      ),
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
