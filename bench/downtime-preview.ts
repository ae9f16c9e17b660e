/**
 * npx ts-node --transpile-only bench/downtime-preview.ts — what the administrator waits for when asking
 * what a three-week downtime would do (POST /downtimes/preview; issue 19, goal < 2 s). On a scratch
 * database: the demo center's rooms and calendar, the generated 800-course year (seed 1) planned by the
 * core and written as patients, SCHEDULED courses and BOOKED appointments (next year, so all of it lies
 * ahead). Then previews a three-week downtime of one room through the real DowntimePreviewService
 * (READ ONLY transaction, bookings lock, booking cache, planDowntimeReschedule) cold (the booking cache
 * loads every appointment) and warm, wall and CPU time, and checks nothing was written. Prints JSON.
 * Options: --courses N (800) --seed S (1) --room G2 --weeks 3 --warm 3.
 */
import 'reflect-metadata';
import { withScratchDatabase } from './scratch-database';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BookingCacheService } from '../src/appointments/booking-cache.service';
import { fromBooking } from '../src/appointments/booking.mapper';
import { CenterConfigService } from '../src/center/center-config.service';
import { DowntimePreviewService } from '../src/downtimes/downtime-preview.service';
import { createPlanner } from '../src/scheduling/allocation/planner';
import { generateScenario } from '../src/scheduling/scenario/generate-scenario';
import { scenarioCourses } from '../src/scheduling/scenario/scenario-center';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const round = (ms: number) => Math.round(ms);

async function main(): Promise<void> {
  const courses = Number(arg('courses', '800'));
  const seed = Number(arg('seed', '1'));
  const roomName = arg('room', 'G2');
  const weeks = Number(arg('weeks', '3'));
  const warmRuns = Number(arg('warm', '3'));
  const year = new Date().getUTCFullYear() + 1;
  return withScratchDatabase('preview', async (ds) => {
    await ds.query(`INSERT INTO rooms (name, kind) VALUES ('G1', 'GANTRY'), ('G2', 'GANTRY'), ('G3', 'GANTRY')`);
    const centerConfig = new CenterConfigService(ds);
    const center = await centerConfig.load();

    // The year as the core plans it, on the database's own calendar and rooms.
    const t0 = performance.now();
    const scenario = generateScenario({ courses, year, seed });
    const requests = scenarioCourses(scenario, center);
    const planner = createPlanner(center, []);
    for (const c of requests) planner.allocate(c, { now: c.arrival, lastStartDate: scenario.horizon.to });
    const bookings = planner.bookings();
    const planMs = performance.now() - t0;

    const ids = new Map(requests.map((c) => [c.id, randomUUID()]));
    const patients = requests.map((c) => ({ id: randomUUID(), birth: c.patientCategory === 'PEDIATRIC' ? `${year - 8}-01-01` : '1970-01-01' }));
    await ds.query(
      `INSERT INTO patients (id, first_name, last_name, birth_date, sex, country_code)
       SELECT id, 'Bench', 'Patient', birth::date, 'female', 'KZ' FROM json_to_recordset($1::json) AS x(id uuid, birth text)`,
      [JSON.stringify(patients)],
    );
    await ds.query(
      `INSERT INTO courses (id, patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                            requires_anesthesia, earliest_start, due_start, status, submission_no, submitted_at)
       SELECT id, patient_id, 'CNS', urgency, fractions, per_week, minutes, beam, offset_min, anesthesia, earliest::date, due::date, 'SCHEDULED', 1, arrival::timestamptz
         FROM json_to_recordset($1::json) AS x(id uuid, patient_id uuid, urgency text, fractions int, per_week int, minutes int, beam int, offset_min int,
                                              anesthesia boolean, earliest text, due text, arrival text)`,
      [
        JSON.stringify(
          requests.map((c, i) => ({
            id: ids.get(c.id),
            patient_id: patients[i].id,
            urgency: c.urgency,
            fractions: c.fractions,
            per_week: c.fractionsPerWeek,
            minutes: c.fractionMinutes,
            beam: c.beamMinutes,
            offset_min: c.beamOffsetMinutes,
            anesthesia: c.requiresAnesthesia,
            earliest: c.earliestStart,
            due: c.dueStart < c.earliestStart ? c.earliestStart : c.dueStart,
            arrival: c.arrival,
          })),
        ),
      ],
    );
    const rows = bookings.map((b) => {
      const r = fromBooking({ ...b, courseId: ids.get(b.courseId)! }, center.sharedBeam);
      return { ...r, start: r.start!.toISOString(), end: r.end!.toISOString(), beamStart: r.beamStart!.toISOString(), beamEnd: r.beamEnd!.toISOString() };
    });
    for (let i = 0; i < rows.length; i += 5000) {
      await ds.query(
        `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
         SELECT "courseId", fraction, "roomId", start::timestamptz, "end"::timestamptz, "beamStart"::timestamptz, "beamEnd"::timestamptz, "beamLine", anesthesia, 'BOOKED'
           FROM json_to_recordset($1::json) AS x("courseId" uuid, fraction int, "roomId" uuid, start text, "end" text, "beamStart" text, "beamEnd" text, "beamLine" text, anesthesia boolean)`,
        [JSON.stringify(rows.slice(i, i + 5000))],
      );
    }

    const [{ id: roomId }] = await ds.query(`SELECT id FROM rooms WHERE name = $1`, [roomName]);
    // Three weeks of one room from the first Monday of April, as a gantry overhaul would be.
    let startDay = new Date(Date.UTC(year, 3, 1));
    while (startDay.getUTCDay() !== 1) startDay = new Date(startDay.getTime() + 86_400_000);
    const date = (d: Date) => d.toISOString().slice(0, 10);
    const downtime = {
      roomId: roomId as string,
      start: new Date(`${date(startDay)}T00:00:00+05:00`),
      end: new Date(`${date(new Date(startDay.getTime() + weeks * 7 * 86_400_000))}T00:00:00+05:00`),
      reason: 'bench: gantry overhaul',
    };

    const writes = async () =>
      (
        await ds.query(
          `SELECT (SELECT coalesce(max(version), 0) FROM appointments)::text AS v, (SELECT count(*) FROM appointment_moves)::int AS moves, (SELECT count(*) FROM downtimes)::int AS downtimes`,
        )
      )[0];
    /** Cold (a fresh booking cache loads every appointment, as after a restart) then warm runs, at `at`. */
    const measure = async (at: Date) => {
      const before = await writes();
      const preview = new DowntimePreviewService(ds, centerConfig, new BookingCacheService());
      const cpuMs = (since: NodeJS.CpuUsage) => {
        const d = process.cpuUsage(since);
        return round((d.user + d.system) / 1000);
      };
      let t = performance.now();
      let cpu = process.cpuUsage();
      const first = await preview.declare(downtime, at);
      const coldMs = performance.now() - t;
      const coldCpuMs = cpuMs(cpu);
      const warm: number[] = [];
      const warmCpu: number[] = [];
      for (let i = 0; i < warmRuns; i++) {
        t = performance.now();
        cpu = process.cpuUsage();
        await preview.declare(downtime, at);
        warm.push(performance.now() - t);
        warmCpu.push(cpuMs(cpu));
      }
      const after = await writes();
      return {
        now: at.toISOString(),
        hit: first.hit,
        moved: first.moved,
        cancelled: first.cancelled,
        coursesTouched: first.courses.length,
        unschedulable: first.unschedulable.length,
        interrupted: first.interrupted.length,
        previewColdMs: round(coldMs),
        previewWarmMs: warm.map(round),
        // This process's CPU time: on a shared machine wall time also counts the other processes' turns.
        previewColdCpuMs: coldCpuMs,
        previewWarmCpuMs: warmCpu,
        withinGoal: Math.max(coldMs, ...warm) < 2000,
        wroteNothing: JSON.stringify(before) === JSON.stringify(after),
      };
    };
    // Worst case: the whole year still ahead, so every course is one that has not started (and may be
    // asked to start a day later). Then the realistic case: declared two weeks ahead in the running year,
    // everything before that given (DELIVERED) and its courses IN_TREATMENT.
    const allAhead = await measure(new Date());
    const declaredAt = new Date(downtime.start.getTime() - 14 * 86_400_000 + 3 * 3_600_000);
    await ds.query(`UPDATE appointments SET status = 'DELIVERED' WHERE start < $1`, [declaredAt]);
    await ds.query(
      `UPDATE courses c SET status = 'IN_TREATMENT' WHERE EXISTS (SELECT 1 FROM appointments a WHERE a.course_id = c.id AND a.status = 'DELIVERED')`,
    );
    const midYear = await measure(declaredAt);
    console.log(
      JSON.stringify({
        courses,
        seed,
        year,
        bookedFractions: bookings.length,
        planMs: round(planMs),
        downtime: { room: roomName, from: downtime.start.toISOString(), to: downtime.end.toISOString(), weeks },
        goalMs: 2000,
        allAhead,
        midYear,
      }),
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
