/**
 * Month and weekday names (CLDR) for the languages whose calendar data a browser may lack: Chromium's
 * bundled ICU, for one, formats kk as "2027 M03 2" and does not know ky at all. Weekdays start on Sunday.
 */
export interface CalendarNames {
  months: string[];
  monthsShort: string[];
  weekdays: string[];
  weekdaysShort: string[];
  /** Long date: weekday, day, month, year. */
  long(y: number, d: number, month: string, weekday: string): string;
  /** Short date with abbreviated weekday and month. */
  short(y: number, d: number, month: string, weekday: string): string;
}

export const CALENDAR_NAMES: Record<'kk' | 'ky', CalendarNames> = {
  kk: {
    months: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
    monthsShort: ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'],
    weekdays: ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'],
    weekdaysShort: ['жс', 'дс', 'сс', 'ср', 'бс', 'жм', 'сб'],
    long: (y, d, month, weekday) => `${y} ж. ${d} ${month}, ${weekday}`,
    short: (y, d, month, weekday) => `${y} ж. ${d} ${month}, ${weekday}`,
  },
  ky: {
    months: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
    monthsShort: ['янв.', 'фев.', 'мар.', 'апр.', 'май', 'июн.', 'июл.', 'авг.', 'сен.', 'окт.', 'ноя.', 'дек.'],
    weekdays: ['жекшемби', 'дүйшөмбү', 'шейшемби', 'шаршемби', 'бейшемби', 'жума', 'ишемби'],
    weekdaysShort: ['жек.', 'дүй.', 'шейш.', 'шарш.', 'бейш.', 'жума', 'ишм.'],
    long: (y, d, month, weekday) => `${y}-ж., ${d}-${month}, ${weekday}`,
    short: (y, d, month, weekday) => `${y}-ж., ${d}-${month}, ${weekday}`,
  },
};
