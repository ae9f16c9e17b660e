import type { Booking } from '../scheduling';
import { Appointment, SHARED_BEAM_LINE } from './appointment.entity';

export function toBooking(a: Appointment): Booking {
  return {
    id: a.id,
    courseId: a.courseId,
    fraction: a.fraction,
    roomId: a.roomId,
    start: a.start.toISOString(),
    end: a.end.toISOString(),
    beamStart: a.beamStart.toISOString(),
    beamEnd: a.beamEnd.toISOString(),
    anesthesia: a.anesthesia,
    status: a.status,
  };
}

/** Row values for a new BOOKED appointment from a core booking. */
export function fromBooking(b: Booking, sharedBeam: boolean): Partial<Appointment> {
  return {
    courseId: b.courseId,
    fraction: b.fraction,
    roomId: b.roomId,
    start: new Date(b.start),
    end: new Date(b.end),
    beamStart: new Date(b.beamStart),
    beamEnd: new Date(b.beamEnd),
    beamLine: sharedBeam ? SHARED_BEAM_LINE : b.roomId,
    anesthesia: b.anesthesia,
    status: 'BOOKED',
  };
}
