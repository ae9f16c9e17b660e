import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../center/center-config.service';
import { localForms } from '../common/local-time';
import { Appointment } from './appointment.entity';
import { AppointmentView } from './views/appointment.view';

/** Turns stored appointments into views: room names from the (cached) center, patient names in one query. */
@Injectable()
export class AppointmentViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
  ) {}

  async of(appointments: Appointment[]): Promise<AppointmentView[]> {
    if (appointments.length === 0) return [];
    const center = await this.centerConfig.load();
    const rooms = new Map(center.rooms.map((r) => [r.id, r.name ?? r.id]));
    const courseIds = [...new Set(appointments.map((a) => a.courseId))];
    const patients: Array<{ course_id: string; id: string; full_name: string }> = await this.dataSource.query(
      `SELECT c.id AS course_id, p.id, p.first_name || ' ' || p.last_name AS full_name FROM courses c JOIN patients p ON p.id = c.patient_id WHERE c.id = ANY($1)`,
      [courseIds],
    );
    const byCourse = new Map(patients.map((p) => [p.course_id, { id: p.id, fullName: p.full_name }]));
    const tz = center.timeZone;
    return appointments.map((a) => {
      const { localDate, localTime } = localForms(tz, a.start);
      return {
        id: a.id,
        courseId: a.courseId,
        fraction: a.fraction,
        roomId: a.roomId,
        roomName: rooms.get(a.roomId) ?? a.roomId,
        start: a.start,
        end: a.end,
        beamStart: a.beamStart,
        beamEnd: a.beamEnd,
        localDate,
        localTime,
        localEndTime: localForms(tz, a.end).localTime,
        beamLine: a.beamLine,
        anesthesia: a.anesthesia,
        status: a.status,
        version: a.version,
        createdAt: a.createdAt,
        patient: byCourse.get(a.courseId) ?? { id: '', fullName: '' },
      };
    });
  }

  async one(appointment: Appointment): Promise<AppointmentView> {
    return (await this.of([appointment]))[0];
  }
}
