import { EntityManager, In } from 'typeorm';
import { Appointment } from '../appointments/appointment.entity';
import { toBooking } from '../appointments/booking.mapper';
import { Course } from '../courses/course.entity';
import { rescheduleForDowntime } from '../scheduling';
import type { Booking, CenterConfig, CourseRequest, DowntimeSpec, Move } from '../scheduling/types';
import { courseRequests } from './course-requests';

/** The downtime as the plan needs it (a row of `downtimes`, or one only previewed). */
export interface PlannedDowntime {
  id: string;
  roomId: string | null;
  start: Date;
  end: Date;
  reason: string | null;
}

export interface DowntimePlan {
  /** Booked fractions inside the downtime whose beam time is not over. */
  hit: Booking[];
  /** Courses of the hit fractions (rows locked when the plan was made with `lock`). */
  hitCourseIds: string[];
  /** The core's moves, each with its reason (the downtime's label when the core gave none). */
  moves: Move[];
  unschedulable: Array<{ courseId: string; reason: string }>;
  interrupted: Array<{ courseId: string; reason: string }>;
  /** How history rows and course reasons name the downtime. */
  label: string;
}

/**
 * What a downtime does to the bookings, worked out and not written: the one input-building and core
 * call behind both the reschedule job (which then writes it) and the administrator's preview (which
 * shows it). `center` must already contain the downtime; `live` is the booking cache's view (the
 * caller holds lockBookings). `lock` takes the hit courses' rows FOR UPDATE (the job; a read-only
 * preview cannot).
 */
export async function planDowntimeReschedule(
  m: EntityManager,
  center: CenterConfig,
  live: Booking[],
  downtime: PlannedDowntime,
  now: Date,
  lock: boolean,
): Promise<DowntimePlan> {
  const hit = live.filter(
    (b) =>
      (downtime.roomId === null || b.roomId === downtime.roomId) &&
      Date.parse(b.start) < downtime.end.getTime() &&
      Date.parse(b.end) > downtime.start.getTime() &&
      // As the core judges it: a fraction whose beam time is over has had its dose.
      Date.parse(b.beamEnd) > now.getTime(),
  );
  const hitCourseIds = [...new Set(hit.map((b) => b.courseId))];
  const courses = hitCourseIds.length
    ? await m.getRepository(Course).find({ where: { id: In(hitCourseIds) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
    : [];
  const delivered = hitCourseIds.length ? await m.getRepository(Appointment).findBy({ courseId: In(hitCourseIds), status: In(['DELIVERED', 'MISSED']) }) : [];
  const spec: DowntimeSpec = {
    id: downtime.id,
    roomId: downtime.roomId,
    start: downtime.start.toISOString(),
    end: downtime.end.toISOString(),
    reason: downtime.reason || undefined,
  };
  const requests = await courseRequests(m, courses);
  const result = hit.length
    ? rescheduleForDowntime(center, live.concat(delivered.map(toBooking)), requests, spec, now.toISOString(), await notStartedMovable(m))
    : { moves: [], unschedulable: [], interrupted: [] };
  const label = `downtime ${downtime.id}${downtime.reason ? ` (${downtime.reason})` : ''}`;
  return {
    hit,
    hitCourseIds,
    moves: result.moves.map((mv) => ({ ...mv, reason: mv.reason || label })),
    unschedulable: result.unschedulable,
    interrupted: result.interrupted,
    label,
  };
}

/**
 * Routine and urgent courses nobody has been treated in yet (booked, nothing delivered or missed): the
 * core may start one a day later when a hit fraction has nowhere else to go (rule 6 leaves it one day),
 * an urgent one only while it still starts by its due date.
 */
async function notStartedMovable(m: EntityManager): Promise<CourseRequest[]> {
  const rows: Array<{ id: string }> = await m.query(
    `SELECT c.id FROM courses c
      WHERE c.status = 'SCHEDULED' AND c.urgency IN ('ROUTINE', 'URGENT')
        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.course_id = c.id AND a.status IN ('DELIVERED', 'MISSED'))`,
  );
  return rows.length ? courseRequests(m, await m.getRepository(Course).findBy({ id: In(rows.map((r) => r.id)) })) : [];
}
