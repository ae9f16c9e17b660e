import type { EntityManager } from 'typeorm';
import type { Booking, Move } from '../scheduling';
import { Appointment } from './appointment.entity';
import { AppointmentMove } from './appointment-move.entity';
import { fromBooking } from './booking.mapper';

/**
 * Applies the core's moves to the database: a move with `from` and `to` relocates an existing
 * appointment, one with only `to` books a new (appended) fraction, one with only `from` cancels.
 * A move of the `keepId` appointment (the missed one) books a new row instead, so the MISSED
 * record stays as history. Each change writes a history row with its reason.
 * Caller holds lockBookings and the transaction.
 */
export async function applyMoves(
  m: EntityManager,
  moves: Move[],
  sharedBeam: boolean,
  movedBy: string,
  keepId?: string,
): Promise<{ created: Appointment[]; relocated: string[] }> {
  const created: Appointment[] = [];
  const relocated: string[] = [];
  const repo = m.getRepository(Appointment);
  const history = m.getRepository(AppointmentMove);
  // Vacate every slot first so moves that swap or chain never trip the exclusions half-way.
  for (const mv of moves) {
    if (mv.from && mv.bookingId && mv.bookingId !== keepId) {
      await repo.update({ id: mv.bookingId, status: 'BOOKED' }, { status: 'CANCELLED' });
    }
  }
  for (const mv of moves) {
    const relocates = mv.from && mv.bookingId && mv.bookingId !== keepId;
    if (relocates && mv.to) {
      await repo.update({ id: mv.bookingId }, { ...placement(mv.to, sharedBeam), status: 'BOOKED' });
      await history.insert(historyRow(mv.bookingId!, mv.from, mv.to, mv.reason, movedBy));
      relocated.push(mv.bookingId!);
    } else if (mv.to) {
      const row = await repo.save(repo.create(fromBooking(mv.to, sharedBeam)));
      created.push(row);
      await history.insert(historyRow(row.id, mv.from, mv.to, mv.reason, movedBy));
      // The row kept as it was (a missed fraction) says where the fraction is given instead.
      const kept = mv.from?.id !== undefined && mv.from.id === keepId ? mv.from.id : null;
      if (kept) await history.insert(historyRow(kept, mv.from, mv.to, `${mv.reason.replace(/\.?$/, '.')} Given again as appointment ${row.id}.`, movedBy));
    } else if (relocates) {
      await history.insert(historyRow(mv.bookingId!, mv.from, null, mv.reason, movedBy));
    }
  }
  return { created, relocated };
}

function placement(b: Booking, sharedBeam: boolean): Partial<Appointment> {
  const { roomId, start, end, beamStart, beamEnd, beamLine } = fromBooking(b, sharedBeam);
  return { roomId, start, end, beamStart, beamEnd, beamLine };
}

function historyRow(appointmentId: string, from: Booking | null, to: Booking | null, reason: string, movedBy: string): Partial<AppointmentMove> {
  return {
    appointmentId,
    fromRoomId: from?.roomId ?? null,
    fromStart: from ? new Date(from.start) : null,
    toRoomId: to?.roomId ?? null,
    toStart: to ? new Date(to.start) : null,
    reason,
    movedBy,
  };
}

/** One multi-row INSERT for a whole course; returns ids and versions in booking order. */
export async function insertBookings(
  m: EntityManager,
  bookings: Booking[],
  sharedBeam: boolean,
): Promise<Array<{ id: string; version: string; booking: Booking }>> {
  if (bookings.length === 0) return [];
  const values: unknown[] = [];
  const tuples = bookings.map((b) => {
    const row = fromBooking(b, sharedBeam);
    values.push(row.courseId, row.fraction, row.roomId, row.start, row.end, row.beamStart, row.beamEnd, row.beamLine, row.anesthesia);
    const o = values.length - 9;
    return `(${Array.from({ length: 9 }, (_, i) => `$${o + i + 1}`).join(', ')}, 'BOOKED')`;
  });
  const rows: Array<{ id: string; version: string; fraction: number }> = await m.query(
    `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
     VALUES ${tuples.join(', ')} RETURNING id, version::text AS version, fraction`,
    values,
  );
  const byFraction = new Map(bookings.map((b) => [b.fraction, b]));
  return rows.map((r) => ({ id: r.id, version: r.version, booking: byFraction.get(r.fraction)! }));
}
