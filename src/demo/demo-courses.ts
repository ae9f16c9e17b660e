/**
 * The demo's case load: the core's scenario generator (fixed seed, ~800 courses a year) cut to
 * the arrivals of the last `windowDays` before an anchor date, turned into patient + course
 * requests. Pure and deterministic: the same anchor gives the same list, which is what makes
 * the seed idempotent (every patient carries a stable MRN derived from its scenario course).
 */
import type { DiagnosisGroup } from '../courses/course.entity';
import type { Sex } from '../patients/patient.entity';
import { generateScenario, mulberry32 } from '../scheduling';
import type { Urgency } from '../scheduling';
import { addDays, centerToday } from '../common/center-clock';

export const DEMO_SCENARIO_SEED = 2027;
export const DEMO_COURSES_PER_YEAR = 800;
export const DEMO_WINDOW_DAYS = 70;

export interface DemoPatient {
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: Sex;
  mrn: string;
}

export interface DemoCourse {
  diagnosisGroup: DiagnosisGroup;
  urgency: Urgency;
  fractions: number;
  fractionsPerWeek: number;
  fractionMinutes: number;
  requiresAnesthesia: boolean;
  earliestStart: string;
}

export interface DemoCase {
  /** Stable key: `DEMO-<year>-<scenario course id>`; also the patient's MRN. */
  key: string;
  arrival: string;
  /** Set for the generator's Kyrgyz pediatric oncohematology stream: these become KG referrals. */
  referralCountry: 'KG' | null;
  patient: DemoPatient;
  course: DemoCourse;
}

export interface DemoCaseOptions {
  /** Center-local date the window ends on (inclusive), YYYY-MM-DD. */
  anchorDate: string;
  /** Center-local today: no course may ask to start before it (rule 5 books nothing in the past anyway). */
  today: string;
  timeZone: string;
  windowDays?: number;
  seed?: number;
}

const FIRST_NAMES: Record<'female' | 'male', string[]> = {
  female: ['Aigerim', 'Dana', 'Madina', 'Aruzhan', 'Zhanna', 'Gulnara', 'Saule', 'Olga', 'Anna', 'Kamila', 'Asel', 'Dinara'],
  male: ['Nurlan', 'Yerlan', 'Timur', 'Arman', 'Daniyar', 'Sergey', 'Bakyt', 'Askar', 'Ruslan', 'Alikhan', 'Marat', 'Ivan'],
};
const LAST_NAMES = ['Abenov', 'Seitkali', 'Nurpeisov', 'Zhakupov', 'Ivanov', 'Tulegenov', 'Omarov', 'Kim', 'Akhmetov', 'Sadykov', 'Petrov', 'Bekov'];

/** The cases whose arrival falls in (anchor - windowDays, anchor], oldest first. */
export function demoCases(options: DemoCaseOptions): DemoCase[] {
  const windowDays = options.windowDays ?? DEMO_WINDOW_DAYS;
  const seed = options.seed ?? DEMO_SCENARIO_SEED;
  const last = options.anchorDate;
  const first = addDays(last, -windowDays + 1);
  const years = [...new Set([Number(first.slice(0, 4)), Number(last.slice(0, 4))])];
  const cases: DemoCase[] = [];
  for (const year of years) {
    // One scenario per calendar year, seeded by year, so a window across New Year is still stable.
    const scenario = generateScenario({ courses: DEMO_COURSES_PER_YEAR, year, seed: seed + year, timeZone: options.timeZone });
    for (const c of scenario.courses) {
      const arrivalDate = localDate(c.arrival, options.timeZone);
      if (arrivalDate < first || arrivalDate > last) continue;
      const key = `DEMO-${year}-${c.id}`;
      const pediatric = c.patientCategory === 'PEDIATRIC';
      const generated = c.earliestStart ?? arrivalDate;
      cases.push({
        key,
        arrival: c.arrival,
        referralCountry: c.tags?.countryCode === 'KG' ? 'KG' : null,
        patient: demoPatient(key, pediatric, arrivalDate),
        course: {
          diagnosisGroup: (c.tags?.diagnosisGroup ?? 'OTHER') as DiagnosisGroup,
          urgency: c.urgency ?? 'ROUTINE',
          fractions: c.fractions ?? 25,
          fractionsPerWeek: c.fractionsPerWeek ?? 5,
          fractionMinutes: c.fractionMinutes ?? (pediatric ? 40 : 30),
          requiresAnesthesia: c.requiresAnesthesia ?? false,
          // A course that arrived weeks ago and is only submitted now cannot start in the past.
          earliestStart: generated < options.today ? options.today : generated,
        },
      });
    }
  }
  return cases.sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.key.localeCompare(b.key)));
}

/** A made-up patient, derived from the case key alone so it never changes between runs. */
function demoPatient(key: string, pediatric: boolean, arrivalDate: string): DemoPatient {
  const rng = mulberry32(hash(key));
  const sex: 'female' | 'male' = rng() < 0.5 ? 'female' : 'male';
  const first = FIRST_NAMES[sex][Math.floor(rng() * FIRST_NAMES[sex].length)];
  let last = LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)];
  if (sex === 'female' && /(ov|ev|in)$/.test(last)) last += 'a';
  // Children 2–15 stay under 18 for the whole course; adults 20–84.
  const ageYears = pediatric ? 2 + Math.floor(rng() * 14) : 20 + Math.floor(rng() * 65);
  const birthDate = addDays(arrivalDate, -Math.round(ageYears * 365.25 + rng() * 300));
  return { firstName: first, lastName: last, birthDate, sex, mrn: key };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(instant: string | Date, timeZone: string): string {
  return centerToday(timeZone, new Date(instant));
}
