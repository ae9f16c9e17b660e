import type { ForecastHeadline } from './types';

const pct = (p: number) => `${Math.round(p * 100)} %`;
const r = (x: number) => Math.round(x);

/**
 * The headline in one English sentence, from the numbers the API returns in `result.headline`:
 * `npm run forecast` prints it, so the offline tool and the API cannot say different things.
 */
export function describeHeadline(h: ForecastHeadline, horizonWeeks: number): string {
  const s = h.coursesStartedPerYear;
  const parts = [
    `Courses started per year: ${r(s.p50)} (p10–p90 ${r(s.p10)}–${r(s.p90)}; ${r(h.coursesStarted.p50)} in the ${horizonWeeks} weeks) against the target of ${h.target}; P(≥ target) ${pct(h.probabilityReachingTarget)}.`,
  ];
  const y = h.currentYear;
  if (y) {
    parts.push(
      `${y.year}: ${y.startedToDate} started so far + ${r(y.restOfYear.p50)} forecast for the rest of the year (p10–p90 ${r(y.restOfYear.p10)}–${r(y.restOfYear.p90)}) = ${r(y.total.p50)} (p10–p90 ${r(y.total.p10)}–${r(y.total.p90)}); P(≥ ${h.target}) ${pct(y.probabilityReachingTarget)}.`,
    );
  }
  return parts.join(' ');
}
