/** The forecast queue's one job: its data is only the row id, the row carries the request. */
export const RUN_FORECAST_JOB = 'run-forecast';

export interface RunForecastJobData {
  forecastId: string;
}

/** BullMQ accepts ':' in custom ids only as exactly three parts, hence the version suffix. */
export function forecastJobId(forecastId: string, version = 1): string {
  return `forecast:${forecastId}:${version}`;
}
