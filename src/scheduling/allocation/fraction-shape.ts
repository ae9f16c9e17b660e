/** The shape of a fraction, apart from its course: what slot searches, counts and probes need to know. */
import { DayNum } from '../time/civil-day';

/** One fraction as the slot searches see it: its length, and its beam interval from its start (minutes). */
export interface FractionShape {
  minutes: number;
  beamOffset: number;
  beamMinutes: number;
  anesthesia: boolean;
  /** Rule 9: a child before this day (see CourseProfile.adultFrom); omitted: an adult. */
  adultFrom?: DayNum;
}
