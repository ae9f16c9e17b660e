/**
 * The physical limit: how many courses of a given mix a year's open time could hold if it were
 * booked at 100 %. Three bounds — room time, beam time (shared beam) and anesthesia team time —
 * and the limit is the smallest.
 */
import { CenterConfig, CourseMixItem, CourseRequest } from '../types';
import { dayNumOf } from '../time/civil-day';
import { calendarFor } from '../calendar/center-calendar';
import { total } from '../calendar/intervals';
import { openMinutes } from './plan-metrics';
import { DEFAULT_BEAM_MINUTES } from '../defaults/course-defaults';

export interface PhysicalLimit {
  courses: number;
  roomBound: number;
  beamBound: number;
  anesthesiaBound: number;
  openRoomMinutes: number;
  openBeamMinutes: number;
}

export function mixOf(courses: CourseRequest[]): CourseMixItem[] {
  return courses.map((c) => ({
    share: 1 / courses.length,
    fractions: c.fractions,
    fractionMinutes: c.fractionMinutes,
    beamMinutes: c.beamMinutes,
    requiresAnesthesia: c.requiresAnesthesia,
  }));
}

export function physicalLimit(center: CenterConfig, mix: CourseMixItem[], year: number): PhysicalLimit {
  const open = openMinutes(center, `${year}-01-01`, `${year}-12-31`);
  const cal = calendarFor(center);
  let anesthesiaOpen = 0;
  for (let d = dayNumOf(year, 1, 1); d <= dayNumOf(year, 12, 31); d++) {
    if (cal.isOpenDay(d)) anesthesiaOpen += total(cal.anesthesiaWindow(d)) * center.anesthesia.teams;
  }
  const shareSum = mix.reduce((a, m) => a + m.share, 0) || 1;
  let room = 0;
  let beam = 0;
  let anesthesia = 0;
  for (const m of mix) {
    const w = m.share / shareSum;
    room += w * m.fractions * m.fractionMinutes;
    beam += w * m.fractions * (m.beamMinutes ?? DEFAULT_BEAM_MINUTES);
    if (m.requiresAnesthesia) anesthesia += w * m.fractions * m.fractionMinutes;
  }
  const roomBound = room > 0 ? open.room / room : Infinity;
  const beamBound = center.sharedBeam && beam > 0 ? open.beam / beam : Infinity;
  const anesthesiaBound = anesthesia > 0 ? anesthesiaOpen / anesthesia : Infinity;
  const r = (x: number) => (Number.isFinite(x) ? Math.floor(x) : -1);
  return {
    courses: Math.floor(Math.min(roomBound, beamBound, anesthesiaBound)),
    roomBound: r(roomBound),
    beamBound: r(beamBound),
    anesthesiaBound: r(anesthesiaBound),
    openRoomMinutes: open.room,
    openBeamMinutes: open.beam,
  };
}
