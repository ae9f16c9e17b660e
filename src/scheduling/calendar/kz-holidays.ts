/**
 * Kazakhstan's public non-working days (Labour Code art. 84/85 as amended).
 *
 * date-holidays supplies the holiday dates (it tracks the lunar Kurban Ait); the weekend-transfer
 * rule is applied here rather than taken from the library, because the library's transfer is
 * wrong for a weekend inside Nauryz (it moves the day onto 23 March, a holiday already, so 2026
 * loses 25 March and 2027 loses 24 March). Constitution Day moved from 30 August to 15 March
 * with the 2026 constitution; the library's own entry is replaced by that rule for every year.
 */
import Holidays from 'date-holidays';
import { DayNum, dayNumOf, formatDate, isWeekend } from '../time/civil-day';

export interface Holiday {
  date: string;
  name: string;
  /** True for a transferred day off (holiday fell on a weekend). */
  transfer?: boolean;
}

const KURBAN_AIT = 'Құрбан айт';
const CHRISTMAS = 'Рождество Христово';
const CONSTITUTION = 'Конституция күні';

interface BaseHoliday {
  day: DayNum;
  name: string;
  /** Religious holidays (7 Jan, Kurban Ait) do not move when they fall on a weekend. */
  transferable: boolean;
}

let lib: Holidays | null = null;
const cache = new Map<number, Holiday[]>();

function libraryBase(year: number): BaseHoliday[] {
  lib ??= new Holidays('KZ');
  const out: BaseHoliday[] = [];
  for (const h of lib.getHolidays(year)) {
    if (h.type !== 'public' || h.name.includes('(substitute day)')) continue;
    if (h.name === CONSTITUTION) continue;
    const [y, m, d] = h.date.slice(0, 10).split('-').map(Number);
    out.push({ day: dayNumOf(y, m, d), name: h.name, transferable: h.name !== KURBAN_AIT && h.name !== CHRISTMAS });
  }
  const constitution = year >= 2026 ? dayNumOf(year, 3, 15) : dayNumOf(year, 8, 30);
  out.push({ day: constitution, name: CONSTITUTION, transferable: true });
  return out;
}

/** Every non-working day of `year` caused by a public holiday, sorted by date. */
export function kzHolidays(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const base = libraryBase(year);
  const holidayDays = new Set(base.map((b) => b.day));
  const taken = new Set<DayNum>(holidayDays);
  const result: Holiday[] = [];
  const seen = new Set<DayNum>();
  for (const b of [...base].sort((a, c) => a.day - c.day)) {
    if (!seen.has(b.day)) {
      seen.add(b.day);
      result.push({ date: formatDate(b.day), name: b.name });
    }
    if (!b.transferable || !isWeekend(b.day)) continue;
    // The day off moves to the next working day that is neither a holiday nor already a transfer.
    let d = b.day + 1;
    while (isWeekend(d) || taken.has(d)) d++;
    taken.add(d);
    result.push({ date: formatDate(d), name: `${b.name} (transferred day off)`, transfer: true });
  }
  result.sort((a, c) => (a.date < c.date ? -1 : a.date > c.date ? 1 : 0));
  cache.set(year, result);
  return result;
}

/** Day numbers of all KZ holiday closures of a year (transfers included). */
export function kzHolidayDays(year: number): Set<DayNum> {
  const s = new Set<DayNum>();
  for (const h of kzHolidays(year)) {
    const [y, m, d] = h.date.split('-').map(Number);
    s.add(dayNumOf(y, m, d));
  }
  return s;
}
