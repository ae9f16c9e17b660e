import { formatDate, wallTime } from '../../i18n/format';

/** "Asia/Bishkek" → "Bishkek": the zone's city, as people name their time. */
export const zoneCity = (timeZone: string) => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/** The offset an ISO instant is written with ("+06:00"); Z reads as +00:00. */
export const offsetOf = (instant: string) => (/([+-]\d{2}:\d{2})$/.exec(instant)?.[1] ?? '+00:00');

/** Date and wall time of an instant the API wrote in a zone's own offset (2026-12-17T09:00:00+06:00). */
export const localDateAndTime = (lang: string, localInstant: string) => `${formatDate(lang, localInstant.slice(0, 10))} ${wallTime(localInstant)}`;

/** "03.02.2016" (as the region writes dates) → "2016-02-03"; anything else is sent as typed, for the server to judge. */
export function regionalDateToIso(typed: string): string {
  const value = typed.trim();
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (!match) return value;
  const [, d, m, y] = match;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Milliseconds left → whole days and hours. */
export function daysAndHours(ms: number): { days: number; hours: number } {
  const hoursTotal = Math.max(0, Math.floor(ms / 3_600_000));
  return { days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}
