import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { isCalendarDate } from '../common/instant';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { requestContext } from '../common/request-context';
import { Course } from '../courses/course.entity';
import { CourseService } from '../courses/course.service';
import { toCourseRequest } from '../courses/course-request.mapper';
import { addCourseReason } from '../courses/course-reason';
import { liveFractionsSql } from '../courses/live-fractions';
import { Patient } from '../patients/patient.entity';
import { checkBooking, formatInstant, localMidnight, parseDate, rebookAtEnd, rescheduleMissed } from '../scheduling';
import type { Booking, CenterConfig, CourseRequest, Move, Violation } from '../scheduling';
import { Appointment, SHARED_BEAM_LINE } from './appointment.entity';
import { AppointmentMove } from './appointment-move.entity';
import { applyMoves } from './appointment-writer';
import { lockBookings } from '../database/booking-lock';
import { BookingCacheService } from './booking-cache.service';
import { toBooking } from './booking.mapper';
import { ListAppointmentsDto } from './dto/list-appointments.dto';
import { MoveAppointmentDto } from './dto/move-appointment.dto';
import { RebookAppointmentDto } from './dto/rebook-appointment.dto';

const MAX_RANGE_MS = 93 * 24 * 3600 * 1000;

function invalidInstant(field: string, value: string) {
  const message = `${field} must be an ISO 8601 date-time with an offset or Z`;
  return badRequest('validation', `${message}: ${JSON.stringify(value)}`, { errors: [{ field, messages: [message] }] });
}

@Injectable()
export class AppointmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centerConfig: CenterConfigService,
    private readonly cache: BookingCacheService,
    private readonly courses: CourseService,
  ) {}

  async list(query: ListAppointmentsDto): Promise<Appointment[]> {
    const { timeZone } = await this.centerConfig.load();
    // A date is a whole local day in the center's zone: `from` its start, `to` its end (inclusive).
    const from = isCalendarDate(query.from) ? localDayStart(timeZone, query.from, 0) : new Date(query.from);
    const to = isCalendarDate(query.to) ? localDayStart(timeZone, query.to, 1) : new Date(query.to);
    if (Number.isNaN(from.getTime())) throw invalidInstant('from', query.from);
    if (Number.isNaN(to.getTime())) throw invalidInstant('to', query.to);
    if (!(to > from)) throw badRequest('invalid-range', '`to` must be after `from`', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw badRequest('invalid-range', 'The range may span at most 93 days', { field: 'to' });
    return this.dataSource.getRepository(Appointment).find({
      where: {
        ...(query.roomId ? { roomId: query.roomId } : {}),
        ...(query.status ? { status: query.status } : {}),
        start: LessThan(to),
        end: MoreThan(from),
      },
      order: { start: 'ASC' },
    });
  }

  /** In the order the patient comes: a fraction given again after a miss or a downtime keeps its number but comes last. */
  async ofCourse(courseId: string): Promise<Appointment[]> {
    await this.courses.get(courseId);
    return this.dataSource.getRepository(Appointment).find({ where: { courseId }, order: { start: 'ASC', fraction: 'ASC', createdAt: 'ASC' } });
  }

  /** Marks a fraction delivered and moves the course to IN_TREATMENT, or COMPLETED with the last one. */
  async deliver(id: string): Promise<Appointment> {
    return this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const appointment = await this.findBooked(m, id, 'delivered');
      if (appointment.start > new Date()) {
        throw conflict(
          'fraction-in-future',
          `Fraction ${appointment.fraction} starts at ${appointment.start.toISOString()}; it cannot be delivered before it starts`,
        );
      }
      appointment.status = 'DELIVERED';
      await m.getRepository(Appointment).save(appointment);
      const course = await m.getRepository(Course).findOneOrFail({ where: { id: appointment.courseId }, lock: { mode: 'pessimistic_write' } });
      const delivered = await m.getRepository(Appointment).countBy({ courseId: course.id, status: 'DELIVERED' });
      const booked = await m.getRepository(Appointment).countBy({ courseId: course.id, status: 'BOOKED' });
      const next = booked === 0 && delivered >= course.fractions ? 'COMPLETED' : 'IN_TREATMENT';
      // A cancelled course keeps its status: a past fraction delivered before the cancel is history only.
      if (course.status !== next && (course.status === 'SCHEDULED' || course.status === 'IN_TREATMENT')) {
        course.status = next;
        await m.getRepository(Course).save(course);
      }
      await this.audit.record(m, {
        action: 'appointment.deliver',
        entity: 'appointment',
        entityId: id,
        details: { courseId: course.id, fraction: appointment.fraction, courseStatus: course.status },
      });
      return appointment;
    });
  }

  /** Marks a fraction missed and books it again after the course's last fraction. */
  async miss(id: string): Promise<{ missed: Appointment; appended: Appointment[]; unschedulable?: string }> {
    return this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const appointment = await this.findBooked(m, id, 'missed');
      const now = new Date();
      // Same rule as deliver: nobody can have missed a fraction that has not started yet.
      if (appointment.start > now) {
        throw conflict(
          'fraction-in-future',
          `Fraction ${appointment.fraction} starts at ${appointment.start.toISOString()}; it cannot be missed before it starts`,
        );
      }
      const { course, request } = await this.courseRequest(m, appointment.courseId, 'missed');
      const center = await this.centerConfig.load(m);
      const bookings = await this.bookingsFor(m, course.id, now);
      const result = rescheduleMissed(center, bookings, request, id, now.toISOString());
      appointment.status = 'MISSED';
      await m.getRepository(Appointment).save(appointment);
      const { created: appended } = await applyMoves(m, result.moves, center.sharedBeam, requestContext.actor()?.username ?? 'system', id);
      if (result.unschedulable) await addCourseReason(m, course.id, `Missed fraction ${appointment.fraction} could not be re-booked: ${result.unschedulable}`);
      if (result.interrupted) await addCourseReason(m, course.id, `Interrupted: ${result.interrupted}`);
      await this.audit.record(m, {
        action: 'appointment.miss',
        entity: 'appointment',
        entityId: id,
        details: { courseId: course.id, fraction: appointment.fraction, moves: result.moves.length, unschedulable: result.unschedulable ?? null },
      });
      return { missed: appointment, appended, unschedulable: result.unschedulable };
    });
  }

  /** Moves one fraction after checking every hard rule; 409 names the first broken rule. */
  async move(id: string, dto: MoveAppointmentDto): Promise<Appointment> {
    const start = new Date(dto.start);
    // The DTO already insists on an instant with offset; an unreadable one must still never reach toISOString().
    if (Number.isNaN(start.getTime())) throw invalidInstant('start', dto.start);
    return this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const appointment = await this.findBooked(m, id, 'moved');
      // Resubmitting the current slot (a double click, a form saved unchanged) is not a move: answer
      // the appointment as it is rather than record a move, an audit entry and a cache churn for nothing.
      if (start.getTime() === appointment.start.getTime() && (dto.roomId ?? appointment.roomId) === appointment.roomId) {
        return appointment;
      }
      const { request } = await this.courseRequest(m, appointment.courseId, 'moved');
      const now = new Date();
      refuseThePast(start, now);
      const center = await this.centerConfig.load(m);
      requireKnownRoom(center, dto.roomId);
      const from = toBooking(appointment);
      const candidate = shiftedTo(appointment, start, dto.roomId);
      const others = (await this.bookingsFor(m, appointment.courseId, now)).filter((b) => b.id !== id);
      refuseRuleBreak(checkBooking(center, others, request, candidate, from));
      await m.getRepository(Appointment).update(
        { id },
        {
          roomId: candidate.roomId,
          start,
          end: new Date(candidate.end),
          beamStart: new Date(candidate.beamStart),
          beamEnd: new Date(candidate.beamEnd),
          beamLine: center.sharedBeam ? SHARED_BEAM_LINE : candidate.roomId,
        },
      );
      const reason = dto.reason ?? 'moved by coordinator';
      await m.getRepository(AppointmentMove).insert({
        appointmentId: id,
        fromRoomId: from.roomId,
        fromStart: new Date(from.start),
        toRoomId: candidate.roomId,
        toStart: start,
        reason,
        movedBy: requestContext.actor()?.username ?? 'system',
      });
      await this.audit.record(m, {
        action: 'appointment.move',
        entity: 'appointment',
        entityId: id,
        details: { from: { roomId: from.roomId, start: from.start }, to: { roomId: candidate.roomId, start: candidate.start }, reason },
      });
      return m.getRepository(Appointment).findOneByOrFail({ id });
    });
  }

  /**
   * Books a fraction that is not booked any more (cancelled because a downtime left no place for it,
   * or missed with no replacement booked) again: at `start` (every hard rule checked, 409 naming the
   * first broken one), or with no start after the course's last fraction, as a miss would. A
   * cancelled row is booked again as it is; a missed one stays the record of the no-show and the
   * fraction gets a new row. Either way it keeps its number.
   */
  async rebook(id: string, dto: RebookAppointmentDto): Promise<Appointment> {
    const start = dto.start === undefined ? undefined : new Date(dto.start);
    if (start && Number.isNaN(start.getTime())) throw invalidInstant('start', dto.start!);
    if (!start && dto.roomId) throw badRequest('validation', 'roomId needs a start', { field: 'roomId' });
    return this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const lost = await m.getRepository(Appointment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!lost) throw notFound('Appointment', id);
      if (lost.status !== 'CANCELLED' && lost.status !== 'MISSED') {
        throw conflict('invalid-appointment-state', `Appointment ${id} is ${lost.status}; only a CANCELLED or MISSED fraction can be booked again`, {
          appointmentStatus: lost.status,
        });
      }
      const { course, request } = await this.courseRequest(m, lost.courseId, 'booked again');
      const given = await m.getRepository(Appointment).findOneBy({ courseId: course.id, fraction: lost.fraction, status: In(['BOOKED', 'DELIVERED']) });
      if (given) {
        throw conflict('fraction-already-booked', `Fraction ${lost.fraction} of course ${course.id} is already ${given.status} (appointment ${given.id})`, {
          appointmentId: given.id,
        });
      }
      const now = new Date();
      const center = await this.centerConfig.load(m);
      requireKnownRoom(center, dto.roomId);
      const bookings = await this.bookingsFor(m, course.id, now);
      const from = toBooking(lost);
      const reason = dto.reason ?? `fraction ${lost.fraction} booked again by coordinator`;
      let moves: Move[];
      let interrupted: string | undefined;
      if (start) {
        refuseThePast(start, now);
        // A new booking, not the lost row moved: under the lost row's id the checker would leave a MISSED
        // row out, and its day would look unused between two fractions (rule 6).
        const candidate = { ...shiftedTo(lost, start, dto.roomId), id: undefined };
        refuseRuleBreak(checkBooking(center, bookings, request, candidate));
        moves = [{ bookingId: id, courseId: course.id, fraction: lost.fraction, from, to: candidate, reason }];
      } else {
        const result = rebookAtEnd(center, bookings, request, from, now.toISOString(), `Fraction ${lost.fraction} was not given`);
        if (result.unschedulable) throw conflict('no-place', result.unschedulable);
        interrupted = result.interrupted;
        moves = result.moves.map((mv) => ({ ...mv, bookingId: id, reason: dto.reason ? `${dto.reason} (${mv.reason})` : mv.reason }));
      }
      // A cancelled row is booked again in place; a missed one keeps its status and the fraction gets a new row.
      const keep = lost.status === 'MISSED' ? id : undefined;
      const { created } = await applyMoves(m, moves, center.sharedBeam, requestContext.actor()?.username ?? 'system', keep);
      // Read back, so both answers carry the row as stored (its version included).
      const booked = await m.getRepository(Appointment).findOneByOrFail({ id: created[0]?.id ?? id });
      await this.noteRebooked(m, course, lost.fraction, booked, center.timeZone);
      // After the note: booking every fraction again clears what is left to do, not that the course had a gap.
      if (interrupted) await addCourseReason(m, course.id, `Interrupted: ${interrupted}`);
      await this.audit.record(m, {
        action: 'appointment.rebook',
        entity: 'appointment',
        entityId: booked.id,
        details: { courseId: course.id, fraction: lost.fraction, from: id, roomId: booked.roomId, start: booked.start.toISOString(), reason: moves[0].reason },
      });
      return booked;
    });
  }

  /**
   * The course's reason lists what a coordinator still has to do. Once every fraction 1..n is booked or
   * given again, none of it is left and the reason is cleared; until then the rebook is added to it.
   */
  private async noteRebooked(m: EntityManager, course: Course, fraction: number, booked: Appointment, timeZone: string): Promise<void> {
    const [{ live }] = await m.query(`SELECT ${liveFractionsSql('$1')} AS live`, [course.id]);
    if (live >= course.fractions) {
      await m.getRepository(Course).update({ id: course.id }, { reason: null });
      return;
    }
    const when = formatInstant(timeZone, Math.floor(booked.start.getTime() / 60_000))
      .slice(0, 16)
      .replace('T', ' ');
    await addCourseReason(m, course.id, `Fraction ${fraction} was booked again for ${when} (appointment ${booked.id}).`);
  }

  /**
   * Every booking that matters to a change of this course: the other courses' BOOKED fractions from
   * the cache (which keeps only the last two weeks of the past) and all of the course's own booked,
   * delivered and missed ones, however old: they count for "one a day", "n a week" and "no gap",
   * and a miss recorded weeks late must still find the fraction it is about. Caller holds lockBookings.
   */
  private async bookingsFor(m: EntityManager, courseId: string, now: Date): Promise<Booking[]> {
    const live = (await this.cache.current(m, now)).filter((b) => b.courseId !== courseId);
    const own = await m.getRepository(Appointment).findBy({ courseId, status: In(['BOOKED', 'DELIVERED', 'MISSED']) });
    return live.concat(own.map(toBooking));
  }

  /**
   * The course of a fraction about to be missed or moved, locked. Only a course still being treated
   * may be: a cancelled one keeps a fraction that was under way when it was cancelled, and missing
   * or moving that one would book a new future slot for a course nobody treats any more.
   */
  private async courseRequest(m: EntityManager, courseId: string, verb: string): Promise<{ course: Course; request: CourseRequest }> {
    const course = await m.getRepository(Course).findOneOrFail({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    if (course.status !== 'SCHEDULED' && course.status !== 'IN_TREATMENT') {
      throw conflict('course-not-active', `Course ${courseId} is ${course.status}; its fractions can no longer be ${verb}`, { courseStatus: course.status });
    }
    const patient = await m.getRepository(Patient).findOneByOrFail({ id: course.patientId });
    return { course, request: toCourseRequest(course, patient.birthDate) };
  }

  private async findBooked(m: EntityManager, id: string, verb: string): Promise<Appointment> {
    const appointment = await m.getRepository(Appointment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!appointment) throw notFound('Appointment', id);
    if (appointment.status !== 'BOOKED') {
      throw conflict('invalid-appointment-state', `Appointment ${id} is ${appointment.status}; only a BOOKED fraction can be ${verb}`, {
        appointmentStatus: appointment.status,
      });
    }
    return appointment;
  }
}

/** The appointment booked at `start` (and in `roomId`), its length and beam offset kept. */
function shiftedTo(appointment: Appointment, start: Date, roomId?: string): Booking {
  const shift = start.getTime() - appointment.start.getTime();
  return {
    ...toBooking(appointment),
    status: 'BOOKED',
    roomId: roomId ?? appointment.roomId,
    start: start.toISOString(),
    end: new Date(appointment.end.getTime() + shift).toISOString(),
    beamStart: new Date(appointment.beamStart.getTime() + shift).toISOString(),
    beamEnd: new Date(appointment.beamEnd.getTime() + shift).toISOString(),
  };
}

function refuseThePast(start: Date, now: Date): void {
  if (start <= now) {
    throw conflict('rule-violated', 'Rule 5: the past cannot be booked', { rule: 5, violations: [{ rule: 5, message: 'start is in the past' }] });
  }
}

function refuseRuleBreak(violations: Violation[]): void {
  if (violations.length === 0) return;
  const first = violations[0];
  throw conflict('rule-violated', `Rule ${first.rule}: ${first.message}`, { rule: first.rule, violations });
}

/** A room the request names must exist: an unknown id is bad input (422), not a broken scheduling rule. */
function requireKnownRoom(center: CenterConfig, roomId: string | undefined): void {
  if (roomId !== undefined && !center.rooms.some((r) => r.id === roomId)) {
    throw unprocessable('unknown-room', `Room ${roomId} does not exist`, { field: 'roomId' });
  }
}

/** Local midnight of `date` (+ `days`) in the center's zone, as an instant. */
function localDayStart(timeZone: string, date: string, days: number): Date {
  return new Date(localMidnight(timeZone, parseDate(date) + days) * 60_000);
}
