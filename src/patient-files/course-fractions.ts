import type { EntityManager } from 'typeorm';
import type { AppointmentStatus } from '../appointments/appointment.entity';

/** One fraction as the patient's files show it: what, where, when, and how often it changed. */
export interface FileFraction {
  id: string;
  courseId: string;
  fraction: number;
  /** Fractions the course prescribes, for "3 of 20". */
  ofFractions: number;
  roomName: string;
  start: Date;
  end: Date;
  status: AppointmentStatus;
  /**
   * Times this fraction changed for the patient, the iCalendar SEQUENCE (a phone takes an update only
   * with a higher one): every history row (a move, a cancel by a downtime, a rebooking), plus one for
   * a change no history row records — a missed fraction, or one cancelled with its course. A
   * cancelled fraction booked again in place adds a history row and drops that extra one, so it
   * still rises (booked 0 → cancelled by a downtime 1 → booked again 2).
   */
  revision: number;
  /** When it last changed (its booking, or its latest move). */
  changedAt: Date;
}

interface Row {
  id: string;
  course_id: string;
  fraction: number;
  of_fractions: number;
  room_name: string;
  start: Date;
  end: Date;
  status: AppointmentStatus;
  revision: number;
  changed_at: Date;
}

/** Every appointment of these courses, in time order; one query. */
export async function courseFractions(m: EntityManager, courseIds: string[]): Promise<FileFraction[]> {
  if (courseIds.length === 0) return [];
  const rows: Row[] = await m.query(
    `SELECT a.id, a.course_id, a.fraction, c.fractions AS of_fractions, r.name AS room_name, a.start, a."end", a.status,
            (coalesce(mv.changes, 0) + CASE WHEN a.status = 'MISSED' THEN 1
                                            WHEN a.status = 'CANCELLED' AND NOT coalesce(mv.last_was_cancel, false) THEN 1
                                            ELSE 0 END)::int AS revision,
            greatest(a.created_at, coalesce(mv.last_at, a.created_at)) AS changed_at
       FROM appointments a
       JOIN courses c ON c.id = a.course_id
       JOIN rooms r ON r.id = a.room_id
       LEFT JOIN LATERAL (
         SELECT count(*) AS changes, max(m.at) AS last_at,
                (array_agg(m.to_start IS NULL ORDER BY m.at DESC, m.id DESC))[1] AS last_was_cancel
           FROM appointment_moves m WHERE m.appointment_id = a.id) mv ON true
      WHERE a.course_id = ANY($1)
      ORDER BY a.start, a.fraction, a.id`,
    [courseIds],
  );
  return rows.map((r) => ({
    id: r.id,
    courseId: r.course_id,
    fraction: r.fraction,
    ofFractions: r.of_fractions,
    roomName: r.room_name,
    start: new Date(r.start),
    end: new Date(r.end),
    status: r.status,
    revision: r.revision,
    changedAt: new Date(r.changed_at),
  }));
}

/** The fractions a patient comes for: booked or already given (not cancelled, not missed). */
export function liveFractions(fractions: FileFraction[]): FileFraction[] {
  return fractions.filter((f) => f.status === 'BOOKED' || f.status === 'DELIVERED');
}
