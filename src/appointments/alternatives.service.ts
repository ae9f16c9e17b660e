import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CenterConfigService } from '../center/center-config.service';
import { conflict, notFound } from '../common/problem';
import { Course } from '../courses/course.entity';
import { toCourseRequest } from '../courses/course-request.mapper';
import { DEFAULT_ALTERNATIVES, DEFAULT_SEARCH_DAYS, suggestAlternatives } from '../scheduling';
import { Appointment } from './appointment.entity';
import { AppointmentRow, rowToBooking, SELECT_APPOINTMENT_ROWS } from './appointment-row';
import { toBooking } from './booking.mapper';
import { AlternativeView } from './views/alternative.view';

const DAY_MS = 86_400_000;

/**
 * Valid places to move a booked fraction, from the core's suggestAlternatives. It sees what /move
 * checks against (other courses' BOOKED fractions, the course's own booked, delivered and missed
 * ones), limited to the days it searches, and takes no lock: it only reads, and a move to one of
 * its answers is checked again under the bookings lock.
 */
@Injectable()
export class AlternativesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
  ) {}

  async alternatives(id: string, limit = DEFAULT_ALTERNATIVES): Promise<AlternativeView[]> {
    const m = this.dataSource.manager;
    const appointment = await m.getRepository(Appointment).findOneBy({ id });
    if (!appointment) throw notFound('Appointment', id);
    if (appointment.status !== 'BOOKED') {
      throw conflict('invalid-appointment-state', `Appointment ${id} is ${appointment.status}; only a BOOKED fraction can be moved`, {
        appointmentStatus: appointment.status,
      });
    }
    // A day of margin beyond the searched days covers any zone offset.
    const from = new Date(appointment.start.getTime() - (DEFAULT_SEARCH_DAYS + 1) * DAY_MS);
    const to = new Date(appointment.start.getTime() + (DEFAULT_SEARCH_DAYS + 1) * DAY_MS);
    // Independent reads, side by side: this answers while a coordinator waits with the move dialog open.
    const [course, [{ birth_date: birthDate }], center, others, own] = await Promise.all([
      m.getRepository(Course).findOneByOrFail({ id: appointment.courseId }),
      m.query(`SELECT p.birth_date::text AS birth_date FROM courses c JOIN patients p ON p.id = c.patient_id WHERE c.id = $1`, [
        appointment.courseId,
      ]) as Promise<Array<{ birth_date: string }>>,
      // The whole calendar, as /move loads it: rule 6 looks at every day between the course's fractions.
      this.centerConfig.load(m),
      // Per room and by start, so the (room_id, start) index answers; no fraction lasts a day.
      m.query(
        `${SELECT_APPOINTMENT_ROWS} WHERE room_id IN (SELECT id FROM rooms) AND start > $2::timestamptz - interval '1 day' AND start < $3 AND "end" > $2
            AND status = 'BOOKED' AND course_id <> $1`,
        [appointment.courseId, from, to],
      ) as Promise<AppointmentRow[]>,
      m.getRepository(Appointment).findBy({ courseId: appointment.courseId, status: In(['BOOKED', 'DELIVERED', 'MISSED']) }),
    ]);
    if (course.status !== 'SCHEDULED' && course.status !== 'IN_TREATMENT') {
      throw conflict('course-not-active', `Course ${course.id} is ${course.status}; its fractions can no longer be moved`, { courseStatus: course.status });
    }
    const bookings = others.map(rowToBooking).concat(own.map(toBooking));
    const names = new Map(center.rooms.map((r) => [r.id, r.name ?? r.id]));
    const found = suggestAlternatives(center, bookings, toCourseRequest(course, birthDate), id, { now: new Date().toISOString(), limit });
    return found.map((a) => ({ ...a, roomName: names.get(a.roomId) ?? a.roomId }));
  }
}
