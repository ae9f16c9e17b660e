/**
 * How long the patient's files take to make, without the database: the calendar (.ics) and the
 * appointment letter (PDF, DejaVu subset embedded) of one course of `--fractions` fractions, and a
 * subscription feed of `--courses` such courses. Prints JSON (median and p95 over `--runs`).
 *
 *   npm run bench:patient-files -- --fractions 35 --runs 30
 */
import { performance } from 'node:perf_hooks';
import { courseCalendar } from '../src/patient-files/ics/course-calendar';
import type { FileFraction } from '../src/patient-files/course-fractions';
import { appointmentLetter } from '../src/patient-files/letter/appointment-letter';
import { PATIENT_TEXTS } from '../src/patient-files/patient-texts';
import { percentile } from '../src/scheduling';
import { numberArg } from './cli-args';

const fractions = numberArg('fractions', 35);
const courses = numberArg('courses', 3);
const runs = numberArg('runs', 30);
const timeZone = 'Asia/Almaty';
const center = { name: 'Beamtime Proton Therapy Center', address: 'Astana, Kazakhstan', phone: '+7 7172 000 000' };

/** Weekday fractions at 09:00 local (04:00 UTC), 30 minutes each, from 2027-03-01. */
function course(courseNo: number): FileFraction[] {
  const out: FileFraction[] = [];
  for (let day = 0; out.length < fractions; day++) {
    const date = new Date(Date.UTC(2027, 2, 1 + day, 4, 0));
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const n = out.length + 1;
    out.push({
      id: `00000000-0000-4000-8000-${String(courseNo).padStart(4, '0')}${String(n).padStart(8, '0')}`,
      courseId: `course-${courseNo}`,
      fraction: n,
      ofFractions: fractions,
      roomName: 'G1',
      start: date,
      end: new Date(date.getTime() + 30 * 60_000),
      status: 'BOOKED',
      revision: n % 3,
      changedAt: date,
    });
  }
  return out;
}

async function timed(run: () => unknown): Promise<{ medianMs: number; p95Ms: number }> {
  await run(); // warm-up: font parsing, module caches
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { medianMs: Number(percentile(ms, 50).toFixed(2)), p95Ms: Number(percentile(ms, 95).toFixed(2)) };
}

async function main(): Promise<void> {
  const one = course(1);
  const feed = Array.from({ length: courses }, (_, i) => course(i + 1)).flat();
  const texts = PATIENT_TEXTS.kk;
  const now = new Date();
  const ics = courseCalendar({ fractions: one, timeZone, center, texts, now });
  const pdf = await appointmentLetter({
    patient: { fullName: 'Әйгерім Һамитова', birthDate: '1980-05-01' },
    fractions: one,
    timeZone,
    center,
    texts,
    language: 'kk',
  });
  console.log(
    JSON.stringify(
      {
        bench: 'patient-files',
        fractions,
        courses,
        runs,
        calendar: { ...(await timed(() => courseCalendar({ fractions: one, timeZone, center, texts, now }))), bytes: Buffer.byteLength(ics) },
        feed: await timed(() => courseCalendar({ fractions: feed, timeZone, center, texts, now })),
        letter: {
          ...(await timed(() =>
            appointmentLetter({ patient: { fullName: 'Әйгерім Һамитова', birthDate: '1980-05-01' }, fractions: one, timeZone, center, texts, language: 'kk' }),
          )),
          bytes: pdf.length,
        },
      },
      null,
      2,
    ),
  );
}

void main();
