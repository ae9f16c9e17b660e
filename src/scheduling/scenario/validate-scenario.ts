/**
 * What is wrong with a scenario file (SPEC §8), as "path: problem" lines a planner user can fix:
 * the file is hand-written or generated elsewhere, and a missing list or a fraction count of "x"
 * would otherwise surface as a stack trace or a silently empty plan. Bounds follow POST /courses.
 */
import { parseDate, WEEKDAYS } from '../time/civil-day';
import { parseHhmm } from '../time/zone';
import { DEFAULT_BEAM_MINUTES, DEFAULT_BEAM_OFFSET_MINUTES } from '../defaults/course-defaults';

const ROOM_KINDS = ['GANTRY', 'FIXED_BEAM'];
const URGENCIES = ['EMERGENCY', 'URGENT', 'ROUTINE'];
const CATEGORIES = ['ADULT', 'PEDIATRIC'];
/** ISO 8601 with an offset or Z: the center's zone must not be guessed from the planner's machine. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Json = unknown;
type Problems = string[];

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isDate(v: Json): boolean {
  if (typeof v !== 'string') return false;
  try {
    parseDate(v);
  } catch {
    return false;
  }
  // 2027-02-30 parses as a day number; it must also read back as itself.
  const [y, m, d] = v.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const isInstant = (v: Json) => typeof v === 'string' && INSTANT_RE.test(v) && !Number.isNaN(Date.parse(v));

function isTimeZone(v: Json): boolean {
  if (typeof v !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

function checkInt(out: Problems, path: string, v: Json, min: number, max: number): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) out.push(`${path}: must be a whole number from ${min} to ${max}`);
}

function checkOneOf(out: Problems, path: string, v: Json, allowed: readonly unknown[]): void {
  if (v !== undefined && !allowed.includes(v)) out.push(`${path}: must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

function checkDates(out: Problems, path: string, v: Json): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) out.push(`${path}: must be a list of YYYY-MM-DD dates`);
  else v.forEach((d, i) => isDate(d) || out.push(`${path}[${i}]: must be a YYYY-MM-DD date`));
}

/** `mon: ["07:00","23:00"]`, `mon: [["07:00","12:00"],["13:00","23:00"]]` or `mon: null`. */
function checkWeeklyHours(out: Problems, path: string, v: Json): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    out.push(`${path}: must be an object with mon … sun`);
    return;
  }
  for (const [day, value] of Object.entries(v)) {
    const at = `${path}.${day}`;
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      out.push(`${at}: not a weekday (mon, tue, wed, thu, fri, sat, sun)`);
      continue;
    }
    if (value === null) continue;
    const intervals = Array.isArray(value) && typeof value[0] === 'string' ? [value] : value;
    if (!Array.isArray(intervals)) {
      out.push(`${at}: must be null, ["HH:MM","HH:MM"] or a list of them`);
      continue;
    }
    intervals.forEach((iv, i) => {
      const where = intervals === value ? `${at}[${i}]` : at;
      if (!Array.isArray(iv) || iv.length !== 2) {
        out.push(`${where}: must be ["HH:MM","HH:MM"]`);
        return;
      }
      try {
        if (parseHhmm(String(iv[0])) >= parseHhmm(String(iv[1]))) out.push(`${where}: must start before it ends`);
      } catch (e) {
        out.push(`${where}: ${(e as Error).message}`);
      }
    });
  }
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A daily window { from: "HH:mm", to: "HH:mm" } with from before to. */
function checkWindow(out: Problems, path: string, w: Json): void {
  if (!isObject(w) || typeof w.from !== 'string' || typeof w.to !== 'string' || !HHMM.test(w.from) || !HHMM.test(w.to)) {
    out.push(`${path}: must be { "from": "HH:mm", "to": "HH:mm" }`);
  } else if (w.from >= w.to) out.push(`${path}: from must be before to`);
}

function checkCourse(out: Problems, path: string, c: Json, seen: Set<string>): void {
  if (!isObject(c)) {
    out.push(`${path}: must be an object`);
    return;
  }
  if (typeof c.id !== 'string' || c.id === '') out.push(`${path}.id: must be a non-empty string`);
  else if (seen.has(c.id)) out.push(`${path}.id: ${c.id} is used by an earlier course`);
  else seen.add(c.id);
  if (!isInstant(c.arrival)) out.push(`${path}.arrival: must be an ISO 8601 instant with an offset, e.g. 2027-03-01T09:00:00+05:00`);
  if (c.fractions === undefined) out.push(`${path}.fractions: is required`);
  checkInt(out, `${path}.fractions`, c.fractions, 1, 45);
  checkInt(out, `${path}.fractionsPerWeek`, c.fractionsPerWeek, 1, 5);
  checkInt(out, `${path}.fractionMinutes`, c.fractionMinutes, 10, 240);
  checkInt(out, `${path}.beamMinutes`, c.beamMinutes, 1, 120);
  checkInt(out, `${path}.beamOffsetMinutes`, c.beamOffsetMinutes, 0, 200);
  checkOneOf(out, `${path}.patientCategory`, c.patientCategory, CATEGORIES);
  checkOneOf(out, `${path}.urgency`, c.urgency, URGENCIES);
  checkOneOf(out, `${path}.requiresAnesthesia`, c.requiresAnesthesia, [true, false]);
  if (c.roomKinds !== undefined && (!Array.isArray(c.roomKinds) || c.roomKinds.some((k) => !ROOM_KINDS.includes(k as string)))) {
    out.push(`${path}.roomKinds: must be a list of ${ROOM_KINDS.join(', ')}`);
  }
  for (const field of ['earliestStart', 'dueStart', 'birthDate'] as const) {
    if (c[field] !== undefined && !isDate(c[field])) out.push(`${path}.${field}: must be a YYYY-MM-DD date`);
  }
  checkDates(out, `${path}.unavailableDates`, c.unavailableDates);
  if (c.preferredWindow !== undefined) checkWindow(out, `${path}.preferredWindow`, c.preferredWindow);
  const minutes = typeof c.fractionMinutes === 'number' ? c.fractionMinutes : undefined;
  const beamEnd =
    (typeof c.beamOffsetMinutes === 'number' ? c.beamOffsetMinutes : DEFAULT_BEAM_OFFSET_MINUTES) +
    (typeof c.beamMinutes === 'number' ? c.beamMinutes : DEFAULT_BEAM_MINUTES);
  if (minutes !== undefined && beamEnd > minutes) out.push(`${path}: the beam (offset + minutes = ${beamEnd}) must end within fractionMinutes (${minutes})`);
}

export function validateScenario(s: Json): Problems {
  const out: Problems = [];
  if (!isObject(s)) return ['the scenario must be a JSON object'];
  if (s.timezone !== undefined && !isTimeZone(s.timezone)) out.push(`timezone: ${JSON.stringify(s.timezone)} is not an IANA time zone`);
  if (!isObject(s.horizon) || !isDate(s.horizon.from) || !isDate(s.horizon.to)) out.push('horizon: must be { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }');
  else if ((s.horizon.from as string) > (s.horizon.to as string)) out.push('horizon: from must not be after to');
  const roomIds = new Set<string>();
  if (s.rooms !== undefined) {
    if (!Array.isArray(s.rooms) || s.rooms.length === 0) out.push('rooms: must be a non-empty list');
    else
      s.rooms.forEach((r, i) => {
        if (!isObject(r) || typeof r.id !== 'string' || r.id === '') out.push(`rooms[${i}].id: must be a non-empty string`);
        else if (roomIds.has(r.id)) out.push(`rooms[${i}].id: ${r.id} is listed twice`);
        else roomIds.add(r.id);
        if (isObject(r)) {
          checkOneOf(out, `rooms[${i}].kind`, r.kind, ROOM_KINDS);
          checkOneOf(out, `rooms[${i}].active`, r.active, [true, false]);
        }
      });
  }
  if (s.calendar !== undefined) {
    if (!isObject(s.calendar)) out.push('calendar: must be an object');
    else {
      const cal = s.calendar;
      checkWeeklyHours(out, 'calendar.hours', cal.hours);
      checkInt(out, 'calendar.qaMinutes', cal.qaMinutes, 0, 600);
      if (cal.anesthesia !== undefined) {
        if (!isObject(cal.anesthesia)) out.push('calendar.anesthesia: must be an object');
        else {
          checkWeeklyHours(out, 'calendar.anesthesia.windows', cal.anesthesia.windows);
          checkInt(out, 'calendar.anesthesia.teams', cal.anesthesia.teams, 0, 20);
        }
      }
      checkDates(out, 'calendar.closures', cal.closures);
      checkDates(out, 'calendar.workingDays', cal.workingDays);
      checkOneOf(out, 'calendar.holidays', cal.holidays, ['KZ', false]);
      if (cal.pediatricHours !== undefined) {
        const h = cal.pediatricHours;
        if (!Array.isArray(h) || h.length !== 2) out.push('calendar.pediatricHours: must be ["HH:mm", "HH:mm"]');
        else checkWindow(out, 'calendar.pediatricHours', { from: h[0], to: h[1] });
      }
    }
  }
  checkOneOf(out, 'sharedBeam', s.sharedBeam, [true, false]);
  if (s.downtimes !== undefined) {
    if (!Array.isArray(s.downtimes)) out.push('downtimes: must be a list');
    else
      s.downtimes.forEach((d, i) => {
        const at = `downtimes[${i}]`;
        if (!isObject(d)) return void out.push(`${at}: must be an object`);
        if (d.roomId !== null && d.roomId !== undefined && (typeof d.roomId !== 'string' || (s.rooms !== undefined && !roomIds.has(d.roomId)))) {
          out.push(`${at}.roomId: must be null (the whole beam line) or one of the scenario's room ids`);
        }
        if (!isInstant(d.start) || !isInstant(d.end)) out.push(`${at}: start and end must be ISO 8601 instants with an offset`);
        else if (Date.parse(d.end as string) <= Date.parse(d.start as string)) out.push(`${at}: end must be after start`);
      });
  }
  if (!Array.isArray(s.courses)) out.push('courses: must be a list (it may be empty)');
  else {
    const seen = new Set<string>();
    s.courses.forEach((c, i) => checkCourse(out, `courses[${i}]`, c, seen));
  }
  return out;
}
