import type { CourseMixItem, PatientCategory, RoomKind, Urgency } from '../types';
import type { ArrivalCategory, CourseProfile, ForecastChanges, QuotaDemand } from './types';
import { DEFAULT_BEAM_MINUTES, defaultFractionMinutes } from '../defaults/course-defaults';

/** A past submission as the service reads it from the courses table. */
export interface SubmissionRecord {
  arrival: string;
  patientCategory: PatientCategory;
  urgency: Urgency;
  requiresAnesthesia: boolean;
  fractions: number;
  fractionsPerWeek?: number;
  fractionMinutes?: number;
  beamMinutes?: number;
  roomKinds?: RoomKind[];
}

const range = (from: number, to: number, totalWeight: number): CourseProfile[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ weight: totalWeight / (to - from + 1), fractions: from + i }));
const mixed = (parts: Array<[number, CourseProfile[]]>): CourseProfile[] =>
  parts.flatMap(([share, profiles]) => profiles.map((p) => ({ ...p, weight: Number((p.weight * share).toFixed(6)) })));

// Same case mix as the core's scenario generator (generate-scenario.ts), so a default forecast and
// `npm run scenario` describe the same center: curative 25–33 fractions mostly, some 34–40 and
// 15–24; palliative 1/5/10.
const curative = [...range(25, 33, 0.78), ...range(34, 40, 0.12), ...range(15, 24, 0.1)];
const palliative: CourseProfile[] = [
  { weight: 0.2, fractions: 1 },
  { weight: 0.4, fractions: 5 },
  { weight: 0.4, fractions: 10 },
];
const adultFractions = mixed([
  [0.9, curative],
  [0.1, palliative],
]);
const emergencyFractions = mixed([
  [0.3, curative],
  [0.7, palliative],
]);
const pediatricFractions = curative;

/**
 * The demand assumed when there is no history yet: `coursesPerYear` courses (default the 800
 * target) in the scenario generator's mix — 15.6 % children, 30 % of them under anesthesia,
 * 3 % EMERGENCY and 20 % URGENT. Replace with estimated rates as soon as real submissions exist.
 */
export function defaultArrivals(coursesPerYear = 800): ArrivalCategory[] {
  const perWeek = coursesPerYear / 52;
  const cat = (key: string, p: PatientCategory, u: Urgency, an: boolean, share: number, profiles: CourseProfile[]): ArrivalCategory => ({
    key,
    patientCategory: p,
    urgency: u,
    requiresAnesthesia: an,
    ratePerWeek: perWeek * share,
    profiles,
  });
  const adult = 0.844;
  const child = 0.156;
  return [
    cat('ADULT_ROUTINE', 'ADULT', 'ROUTINE', false, adult * 0.77, adultFractions),
    cat('ADULT_URGENT', 'ADULT', 'URGENT', false, adult * 0.2, adultFractions),
    cat('ADULT_EMERGENCY', 'ADULT', 'EMERGENCY', false, adult * 0.03, emergencyFractions),
    // Pediatric emergencies are rare enough to fold into URGENT.
    cat('PEDIATRIC_ROUTINE', 'PEDIATRIC', 'ROUTINE', false, child * 0.7 * 0.77, pediatricFractions),
    cat('PEDIATRIC_URGENT', 'PEDIATRIC', 'URGENT', false, child * 0.7 * 0.23, pediatricFractions),
    cat('PEDIATRIC_ROUTINE_ANESTHESIA', 'PEDIATRIC', 'ROUTINE', true, child * 0.3 * 0.77, pediatricFractions),
    cat('PEDIATRIC_URGENT_ANESTHESIA', 'PEDIATRIC', 'URGENT', true, child * 0.3 * 0.23, pediatricFractions),
  ];
}

/**
 * How far the demand's rate may move from the one estimated from history over a forecast's horizon
 * (relative sd, ForecastInput.rateDrift) — referral patterns change without notice. Measured, not
 * guessed: bench/forecast-calibration.ts (docs/forecasting.md) picks it so that the p10–p90 bands
 * hold the realized figures about 80 % of the time when the true rate drifts by up to ±10 %.
 */
export const DEFAULT_RATE_DRIFT = 0.06;

/**
 * Working days of treatment planning (simulation CT, contouring, plan QA) between submission and
 * the earliest start, by urgency — as in the scenario generator.
 */
export const PREP_WORKING_DAYS: Record<Urgency, [number, number]> = { EMERGENCY: [0, 0], URGENT: [2, 2], ROUTINE: [3, 7] };

export function categoryKey(p: PatientCategory, u: Urgency, anesthesia: boolean): string {
  return `${p}_${u}${anesthesia ? '_ANESTHESIA' : ''}`;
}

/**
 * Rates per category from the last `weeks` weeks of submissions; each category's course shapes are
 * the empirical ones (resampled as they occurred), so the simulated mix matches the real one.
 */
export function estimateArrivals(history: SubmissionRecord[], weeks: number): ArrivalCategory[] {
  if (!(weeks > 0)) throw new RangeError('weeks must be positive');
  const groups = new Map<string, { first: SubmissionRecord; shapes: Map<string, CourseProfile> }>();
  for (const s of history) {
    const key = categoryKey(s.patientCategory, s.urgency, s.requiresAnesthesia);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { first: s, shapes: new Map() }));
    const shapeKey = [s.fractions, s.fractionsPerWeek, s.fractionMinutes, s.beamMinutes].join('/');
    const shape = group.shapes.get(shapeKey);
    if (shape) shape.weight++;
    else
      group.shapes.set(shapeKey, {
        weight: 1,
        fractions: s.fractions,
        fractionsPerWeek: s.fractionsPerWeek,
        fractionMinutes: s.fractionMinutes,
        beamMinutes: s.beamMinutes,
      });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const profiles = [...g.shapes.values()];
      return {
        key,
        patientCategory: g.first.patientCategory,
        urgency: g.first.urgency,
        requiresAnesthesia: g.first.requiresAnesthesia,
        ratePerWeek: profiles.reduce((n, p) => n + p.weight, 0) / weeks,
        profiles,
        observed: profiles.reduce((n, p) => n + p.weight, 0),
      };
    });
}

/**
 * Unused quota places become extra arrivals spread evenly over the weeks left in their year
 * (`weeksLeftInYear` per year, computed by the caller from `now`) and only inside that year. A
 * pediatric category is split between anesthesia and not in the default mix's proportion.
 */
export function quotaArrivals(demand: QuotaDemand[], weeksLeftInYear: (year: number) => number): ArrivalCategory[] {
  const out: ArrivalCategory[] = [];
  for (const q of demand) {
    const weeks = weeksLeftInYear(q.year);
    if (!(q.places > 0) || !(weeks > 0)) continue;
    const rate = q.places / weeks;
    const base = `QUOTA_${q.countryCode ?? 'ANY'}_${q.category}_${q.year}`;
    const window = { from: `${q.year}-01-01`, to: `${q.year + 1}-01-01` };
    if (q.category.toUpperCase().startsWith('PEDIATRIC')) {
      out.push({
        key: base,
        patientCategory: 'PEDIATRIC',
        urgency: 'ROUTINE',
        requiresAnesthesia: false,
        ratePerWeek: rate * 0.7,
        profiles: pediatricFractions,
        window,
      });
      out.push({
        key: `${base}_ANESTHESIA`,
        patientCategory: 'PEDIATRIC',
        urgency: 'ROUTINE',
        requiresAnesthesia: true,
        ratePerWeek: rate * 0.3,
        profiles: pediatricFractions,
        window,
      });
    } else {
      out.push({ key: base, patientCategory: 'ADULT', urgency: 'ROUTINE', requiresAnesthesia: false, ratePerWeek: rate, profiles: adultFractions, window });
    }
  }
  return out;
}

/** Applies the what-if demand changes (overall and per-category scaling). */
export function scaleArrivals(arrivals: ArrivalCategory[], changes: ForecastChanges | undefined): ArrivalCategory[] {
  if (!changes) return arrivals;
  const overall = changes.demandScale ?? 1;
  const per = changes.categoryScale ?? {};
  return arrivals.map((a) => ({
    ...a,
    ratePerWeek: a.ratePerWeek * overall * (per[a.key] ?? 1) * (per[a.patientCategory] ?? 1) * (per[a.urgency] ?? 1),
  }));
}

/** A profile's room and beam minutes, SPEC §2 defaults for what it leaves open. */
export function profileMinutes(
  a: Pick<ArrivalCategory, 'patientCategory' | 'requiresAnesthesia'>,
  p: CourseProfile,
): { fractionMinutes: number; beamMinutes: number } {
  return {
    fractionMinutes: p.fractionMinutes ?? defaultFractionMinutes(a.patientCategory, a.requiresAnesthesia),
    beamMinutes: p.beamMinutes ?? DEFAULT_BEAM_MINUTES,
  };
}

/**
 * The case mix the physical-limit calculation wants: one item per (category, shape) with its share
 * of all courses and its room/beam minutes.
 */
export function caseMix(arrivals: ArrivalCategory[]): CourseMixItem[] {
  const total = arrivals.reduce((n, a) => n + a.ratePerWeek, 0);
  if (total <= 0) return [];
  const items: CourseMixItem[] = [];
  for (const a of arrivals) {
    const weightSum = a.profiles.reduce((n, p) => n + p.weight, 0);
    for (const p of a.profiles) {
      const d = profileMinutes(a, p);
      items.push({
        share: (a.ratePerWeek / total) * (p.weight / weightSum),
        fractions: p.fractions,
        fractionMinutes: d.fractionMinutes,
        beamMinutes: d.beamMinutes,
        requiresAnesthesia: a.requiresAnesthesia,
      });
    }
  }
  return items;
}
