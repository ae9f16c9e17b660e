/**
 * Dates the API sends are already local to the center (localDate YYYY-MM-DD), so they are formatted as
 * calendar dates (UTC midnight, UTC zone) and never shift with the browser's zone. Intl knows kk, ky, ru
 * and en; date-fns has no Kyrgyz locale.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return format;
}

const asCalendarDate = (localDate: string) => new Date(`${localDate}T00:00:00Z`);

/** e.g. en "Tue, 2 Mar 2027", ru "вт, 2 мар. 2027 г.", kk/ky in their own words. */
export const formatDate = (lang: string, localDate: string) =>
  formatter(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(asCalendarDate(localDate));

/** The board's heading: weekday and date in full. */
export const formatLongDate = (lang: string, localDate: string) =>
  formatter(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(asCalendarDate(localDate));

/** HH:mm of an ISO instant written with the center's offset (2027-03-02T09:30:00+05:00): its wall clock. */
export const wallTime = (instant: string) => instant.slice(11, 16);

/** Minutes since local midnight of such an instant. */
export const wallMinutes = (instant: string) => Number(instant.slice(11, 13)) * 60 + Number(instant.slice(14, 16));

/** Today's date in a time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(localDate: string, days: number): string {
  const date = asCalendarDate(localDate);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** An instant (ISO) as local date + time in a zone, for values the API sends without local forms. */
export function localDateTime(lang: string, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(instant));
}
