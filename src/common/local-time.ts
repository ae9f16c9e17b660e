import { formatInstant } from '../scheduling';

export interface LocalForms {
  /** YYYY-MM-DD in the center's zone. */
  localDate: string;
  /** HH:mm in the center's zone. */
  localTime: string;
}

/** An instant as a person at the center reads it: the console shows these, never UTC. */
export function localForms(timeZone: string, instant: Date | string): LocalForms {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const text = formatInstant(timeZone, Math.floor(ms / 60_000));
  return { localDate: text.slice(0, 10), localTime: text.slice(11, 16) };
}

/** The local date-time with the zone's offset, e.g. 2027-03-01T07:30:00+05:00. */
export function localInstant(timeZone: string, instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return formatInstant(timeZone, Math.floor(ms / 60_000));
}
