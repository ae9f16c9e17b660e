import { CALENDAR_NAMES } from './calendar-names';

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

const knows = new Map<string, boolean>();
/** Whether this browser's Intl has real calendar names for a language (not "M03", not a silent fallback to English). */
export function intlKnowsCalendar(lang: string): boolean {
  let known = knows.get(lang);
  if (known === undefined) {
    const format = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
    known = format.resolvedOptions().locale.split('-')[0] === lang && !/M\d/.test(format.format(new Date(Date.UTC(2027, 2, 2))));
    knows.set(lang, known);
  }
  return known;
}

function fromNames(lang: string, localDate: string, long: boolean): string | null {
  const names = CALENDAR_NAMES[lang as keyof typeof CALENDAR_NAMES];
  if (!names || intlKnowsCalendar(lang)) return null;
  const date = asCalendarDate(localDate);
  const [y, m, d, w] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCDay()];
  return long ? names.long(y, d, names.months[m], names.weekdays[w]) : names.short(y, d, names.monthsShort[m], names.weekdaysShort[w]);
}

/** e.g. en "Tue, Mar 2, 2027", ru "вт, 2 мар. 2027 г.", kk "2027 ж. 2 нау., сс". */
export const formatDate = (lang: string, localDate: string) =>
  fromNames(lang, localDate, false) ?? formatter(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(asCalendarDate(localDate));

/** The board's heading: weekday and date in full. */
export const formatLongDate = (lang: string, localDate: string) =>
  fromNames(lang, localDate, true) ?? formatter(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(asCalendarDate(localDate));

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
  const at = new Date(instant);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${formatDate(lang, todayIn(timeZone, at))} ${time}`;
}
