import { TZDate } from '@date-fns/tz';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CenterContact } from '../center-contact';
import type { FileFraction } from '../course-fractions';
import type { PatientTexts } from '../patient-texts';
import { vtimezone } from './vtimezone';

export interface CalendarInput {
  fractions: FileFraction[];
  timeZone: string;
  center: CenterContact;
  texts: PatientTexts;
  /** DTSTAMP: when this copy was made. */
  now: Date;
}

/** A stable UID for the fraction's appointment: moves keep it, so a phone updates its event in place. */
export function fractionUid(appointmentId: string): string {
  return `${appointmentId}@beamtime`;
}

/**
 * RFC 5545 text of the fractions: one VEVENT per appointment, local times with TZID = the center's
 * zone and its VTIMEZONE, SEQUENCE = how often the fraction changed, cancelled and missed ones
 * STATUS:CANCELLED (a calendar that had them removes them rather than keeping a stale time).
 */
export function courseCalendar(input: CalendarInput): string {
  const { fractions, timeZone, center, texts, now } = input;
  const calendar = ical({ name: texts.calendarName, prodId: { company: 'Beamtime', product: 'patient-calendar' }, method: ICalCalendarMethod.PUBLISH });
  calendar.x('X-WR-TIMEZONE', timeZone);
  for (const f of fractions) {
    const cancelled = f.status === 'CANCELLED' || f.status === 'MISSED';
    calendar.createEvent({
      id: fractionUid(f.id),
      sequence: f.revision,
      stamp: now,
      lastModified: f.changedAt,
      // TZDate carries the zone: ical-generator then writes the wall-clock time under TZID, not UTC digits.
      start: new TZDate(f.start.getTime(), timeZone),
      end: new TZDate(f.end.getTime(), timeZone),
      timezone: timeZone,
      summary: texts.eventSummary(f.fraction, f.ofFractions),
      location: `${center.name}, ${center.address} (${texts.room} ${f.roomName})`,
      description: `${texts.room}: ${f.roomName}\n${texts.phone}: ${center.phone}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return withVtimezone(calendar.toString(), timeZone, fractions);
}

/**
 * ical-generator writes a VTIMEZONE only with a calendar-wide zone, and that also turns DTSTAMP
 * into floating local time (RFC 5545 wants it in UTC): the zone goes on each event instead and its
 * VTIMEZONE is placed before the first component here.
 */
function withVtimezone(text: string, timeZone: string, fractions: FileFraction[]): string {
  if (fractions.length === 0) return text;
  const from = Math.min(...fractions.map((f) => f.start.getTime()));
  const to = Math.max(...fractions.map((f) => f.end.getTime()));
  const at = text.indexOf('BEGIN:VEVENT');
  return `${text.slice(0, at)}${vtimezone(timeZone, from, to)}\r\n${text.slice(at)}`;
}
