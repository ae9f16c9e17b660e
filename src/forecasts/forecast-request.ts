import type { ArrivalCategory, ForecastChanges } from '../scheduling';

/** What an administrator asks for (stored as the forecast's `input`); the worker adds the live data. */
export interface ForecastRequest {
  horizonWeeks: number;
  runs: number;
  seed: number;
  /** Weeks of past submissions the arrival rates are estimated from when `arrivals` is absent. */
  historyWeeks: number;
  arrivals?: ArrivalCategory[];
  /** Count unused partner-quota places as extra demand (SPEC §4). */
  includeQuotaDemand: boolean;
  changes?: ForecastChanges;
  target?: number;
}
