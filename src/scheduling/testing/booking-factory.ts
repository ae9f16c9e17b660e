/** Test helpers: bookings and courses on the Almaty demo center written by hand. */
import { Booking, CourseRequest } from '../types';

const TZ = '+05:00';

function addMinutes(date: string, hhmm: string, minutes: number): string {
  const t = new Date(`${date}T${hhmm}:00${TZ}`).getTime() + minutes * 60_000;
  const local = new Date(t + 5 * 3600_000).toISOString();
  return `${local.slice(0, 16)}:00${TZ}`;
}

export function booking(
  courseId: string,
  fraction: number,
  roomId: string,
  date: string,
  hhmm: string,
  extra: Partial<Booking> & { minutes?: number } = {},
): Booking {
  const minutes = extra.minutes ?? 30;
  const { minutes: _m, ...rest } = extra;
  void _m;
  return {
    courseId,
    fraction,
    roomId,
    start: addMinutes(date, hhmm, 0),
    end: addMinutes(date, hhmm, minutes),
    beamStart: addMinutes(date, hhmm, 10),
    beamEnd: addMinutes(date, hhmm, 18),
    anesthesia: false,
    ...rest,
  };
}

export function course(id: string, extra: Partial<CourseRequest> = {}): CourseRequest {
  return {
    id,
    arrival: '2027-02-26T08:00:00+05:00',
    patientCategory: 'ADULT',
    urgency: 'ROUTINE',
    fractions: 5,
    fractionsPerWeek: 5,
    fractionMinutes: 30,
    beamMinutes: 8,
    beamOffsetMinutes: 10,
    requiresAnesthesia: false,
    earliestStart: '2027-03-01',
    dueStart: '2027-03-29',
    ...extra,
  };
}
