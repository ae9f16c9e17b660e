/**
 * A realistic year of arrivals for the demo center, from a seeded PRNG (same seed, same file).
 * Mix modelled on a proton center's case load: mostly curative adult courses of 25–33
 * fractions, some short palliative ones (1–10), pediatric courses (longer set-up, a third of
 * them under anesthesia), ~3 % EMERGENCY and ~20 % URGENT, and a stream of Kyrgyz pediatric
 * oncohematology referrals under a cross-border quota.
 */
import { CourseRequest, Scenario, Urgency } from '../types';
import { dayNumOf, formatDate } from '../time/civil-day';
import { formatInstant, localToEpochMin } from '../time/zone';
import { calendarFor } from '../calendar/center-calendar';
import { demoCenter } from '../defaults/demo-center';
import { addWorkingDays } from '../defaults/course-defaults';
import { mulberry32 } from './prng';

export interface GenerateScenarioOptions {
  courses: number;
  year: number;
  seed: number;
  timeZone?: string;
  /**
   * Share of courses whose patient states a preferred daily window, and (the same share, drawn
   * apart) unavailable dates. Drawn from a PRNG of their own, so the rest of a seed's year is the
   * same whatever the share. Default 0.
   */
  patientWindowsShare?: number;
}

const PREFERRED_WINDOWS = [
  { from: '17:00', to: '23:00' },
  { from: '07:00', to: '12:00' },
  { from: '12:00', to: '17:00' },
];

/** A preferred window and a few consecutive unavailable days some weeks into the course, each for `share` of courses. */
function patientWindows(rng: Rng, share: number, earliestStart: string, workingDays: number[]): Pick<CourseRequest, 'preferredWindow' | 'unavailableDates'> {
  const out: Pick<CourseRequest, 'preferredWindow' | 'unavailableDates'> = {};
  if (rng() < share) out.preferredWindow = pick(rng, PREFERRED_WINDOWS);
  if (rng() < share) {
    const from = workingDays.findIndex((d) => formatDate(d) >= earliestStart) + between(rng, 10, 30);
    const days = workingDays.slice(from, from + between(rng, 1, 4));
    if (days.length > 0) out.unavailableDates = days.map(formatDate);
  }
  return out;
}

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

function curativeFractions(rng: Rng): number {
  const r = rng();
  if (r < 0.78) return between(rng, 25, 33);
  if (r < 0.9) return between(rng, 34, 40);
  return between(rng, 15, 24);
}

function adultFractions(rng: Rng, urgency: Urgency): number {
  // Emergencies are mostly palliative (cord compression, bleeding): short courses.
  const palliative = urgency === 'EMERGENCY' ? 0.7 : 0.1;
  if (rng() < palliative) return pick(rng, [1, 5, 5, 10, 10]);
  return curativeFractions(rng);
}

export function generateScenario(opts: GenerateScenarioOptions): Scenario {
  const tz = opts.timeZone ?? 'Asia/Almaty';
  const rng = mulberry32(opts.seed);
  const windowRng = mulberry32(opts.seed ^ 0x5eed_0020);
  const windowShare = opts.patientWindowsShare ?? 0;
  const center = demoCenter(tz);
  const cal = calendarFor(center);
  const workingDays: number[] = [];
  for (let d = dayNumOf(opts.year, 1, 1); d <= dayNumOf(opts.year, 12, 31); d++) if (cal.isOpenDay(d)) workingDays.push(d);

  const arrivals: Array<{ day: number; minute: number }> = [];
  for (let i = 0; i < opts.courses; i++) arrivals.push({ day: pick(rng, workingDays), minute: between(rng, 9 * 60, 18 * 60) });
  arrivals.sort((a, b) => a.day - b.day || a.minute - b.minute);

  const courses: Scenario['courses'] = arrivals.map((a, i) => {
    const id = `C${String(i + 1).padStart(4, '0')}`;
    const arrival = formatInstant(tz, localToEpochMin(tz, a.day, a.minute));
    const u = rng();
    const urgency: Urgency = u < 0.03 ? 'EMERGENCY' : u < 0.23 ? 'URGENT' : 'ROUTINE';
    const kg = rng() < 0.03;
    const pediatric = kg || rng() < 0.13;
    const requiresAnesthesia = pediatric && rng() < 0.3;
    let fractions: number;
    let fractionMinutes: number;
    let diagnosisGroup: string;
    if (pediatric) {
      fractions = kg ? between(rng, 12, 30) : curativeFractions(rng);
      fractionMinutes = requiresAnesthesia ? 50 : 40;
      diagnosisGroup = kg ? 'ONCOHEMATOLOGY' : pick(rng, ['CNS', 'CNS', 'SARCOMA', 'HEAD_NECK', 'ONCOHEMATOLOGY', 'ABDOMEN_PELVIS']);
    } else {
      fractions = adultFractions(rng, urgency);
      // Centers book standard slot lengths (real in-room times of 26–52 min are absorbed by them).
      fractionMinutes = 30;
      diagnosisGroup = pick(rng, ['CNS', 'HEAD_NECK', 'HEAD_NECK', 'THORAX', 'ABDOMEN_PELVIS', 'ABDOMEN_PELVIS', 'BREAST', 'SARCOMA', 'OTHER']);
    }
    // Planning (simulation CT, contouring, plan QA) takes days before a first fraction.
    const prepDays = urgency === 'EMERGENCY' ? 0 : urgency === 'URGENT' ? 2 : between(rng, 3, 7);
    const arrivalDate = formatDate(a.day);
    const earliestStart = prepDays ? addWorkingDays(center, arrivalDate, prepDays) : arrivalDate;
    const course: Partial<CourseRequest> & { id: string; arrival: string; tags?: Record<string, string> } = {
      id,
      arrival,
      patientCategory: pediatric ? 'PEDIATRIC' : 'ADULT',
      urgency,
      fractions,
      fractionsPerWeek: rng() < 0.05 ? 3 : 5,
      fractionMinutes,
      requiresAnesthesia,
      earliestStart,
      tags: kg ? { category: 'PEDIATRIC_ONCOHEMATOLOGY', countryCode: 'KG', diagnosisGroup } : { diagnosisGroup },
      ...(windowShare > 0 ? patientWindows(windowRng, windowShare, earliestStart, workingDays) : {}),
    };
    return course;
  });

  return {
    timezone: tz,
    horizon: { from: `${opts.year}-01-01`, to: `${opts.year}-12-31` },
    rooms: center.rooms.map((r) => ({ id: r.id, kind: r.kind })),
    calendar: {
      hours: center.hours,
      qaMinutes: center.qaMinutes,
      anesthesia: { windows: center.anesthesia.windows, teams: center.anesthesia.teams },
      closures: [],
      holidays: 'KZ',
    },
    sharedBeam: true,
    downtimes: [],
    courses,
  };
}
