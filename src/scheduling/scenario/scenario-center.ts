/** SPEC §8 scenario file -> core inputs, with SPEC §1–2 defaults for omitted fields. */
import { CenterConfig, CourseRequest, Scenario, WeeklyHours } from '../types';
import { WEEKDAYS, formatDate } from '../time/civil-day';
import { localDayOf, parseInstant } from '../time/zone';
import { demoCenter } from '../defaults/demo-center';
import { resolveCourseDefaults } from '../defaults/course-defaults';

type LooseHours = Record<string, [string, string] | Array<[string, string]> | null | undefined>;

/** Accepts `mon: ["07:00","23:00"]` (one interval) or `mon: [["07:00","12:00"],["13:00","23:00"]]`. */
function normalizeHours(h: LooseHours | undefined, fallback: WeeklyHours): WeeklyHours {
  if (!h) return fallback;
  const out = {} as WeeklyHours;
  for (const d of WEEKDAYS) {
    const v = h[d];
    if (!v || v.length === 0) out[d] = null;
    else if (typeof v[0] === 'string') out[d] = [v as [string, string]];
    else out[d] = (v as Array<[string, string]>).map((x) => [x[0], x[1]]);
  }
  return out;
}

export function scenarioToCenter(s: Scenario): CenterConfig {
  const demo = demoCenter(s.timezone ?? 'Asia/Almaty');
  const cal = s.calendar ?? ({} as Scenario['calendar']);
  return {
    timeZone: s.timezone ?? 'Asia/Almaty',
    rooms: (s.rooms ?? demo.rooms).map((r) => ({ id: r.id, kind: r.kind ?? 'GANTRY', active: r.active ?? true })),
    hours: normalizeHours(cal.hours as LooseHours, demo.hours),
    qaMinutes: cal.qaMinutes ?? 30,
    anesthesia: {
      windows: normalizeHours(cal.anesthesia?.windows as LooseHours, demo.anesthesia.windows),
      teams: cal.anesthesia?.teams ?? 1,
    },
    sharedBeam: s.sharedBeam ?? true,
    holidays: cal.holidays === undefined ? 'KZ' : cal.holidays,
    closures: [...(cal.closures ?? [])],
    workingDays: [...(cal.workingDays ?? [])],
    downtimes: (s.downtimes ?? []).map((d) => ({ roomId: d.roomId ?? null, start: d.start, end: d.end, reason: d.reason })),
    ...(cal.pediatricHours ? { pediatricHours: [cal.pediatricHours[0], cal.pediatricHours[1]] as [string, string] } : {}),
  };
}

/** Courses with defaults resolved, in arrival order (stable for equal arrivals). */
export function scenarioCourses(s: Scenario, center: CenterConfig): CourseRequest[] {
  const list = s.courses.map((c, i) => {
    const arrivalDay = formatDate(localDayOf(center.timeZone, parseInstant(c.arrival)));
    const earliestStart = c.earliestStart ?? arrivalDay;
    return { i, at: parseInstant(c.arrival), course: resolveCourseDefaults({ ...c, earliestStart }, center) };
  });
  list.sort((a, b) => a.at - b.at || a.i - b.i);
  return list.map((x) => x.course);
}
