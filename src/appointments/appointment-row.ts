import type { Booking } from '../scheduling';

/** An appointments row as raw SQL returns it; hot paths (planner sync, forecasts) skip the entity layer. */
export interface AppointmentRow {
  id: string;
  course_id: string;
  fraction: number;
  room_id: string;
  start: Date;
  end: Date;
  beam_start: Date;
  beam_end: Date;
  anesthesia: boolean;
  status: string;
  /** bigint from the appointment version sequence, as text to keep its precision. */
  version: string;
}

export const SELECT_APPOINTMENT_ROWS = `SELECT id, course_id, fraction, room_id, start, "end", beam_start, beam_end, anesthesia, status, version::text AS version FROM appointments`;

/** The core's view of a live (BOOKED) row. */
export function rowToBooking(row: AppointmentRow): Booking {
  return {
    id: row.id,
    courseId: row.course_id,
    fraction: row.fraction,
    roomId: row.room_id,
    start: row.start.toISOString(),
    end: row.end.toISOString(),
    beamStart: row.beam_start.toISOString(),
    beamEnd: row.beam_end.toISOString(),
    anesthesia: row.anesthesia,
  };
}
