import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../center/center-config.service';
import type { Language } from '../common/i18n';
import { conflict } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { CourseService } from '../courses/course.service';
import { Patient } from '../patients/patient.entity';
import { centerContact } from './center-contact';
import { courseFractions, liveFractions } from './course-fractions';
import { courseCalendar } from './ics/course-calendar';
import { appointmentLetter } from './letter/appointment-letter';
import { PATIENT_TEXTS } from './patient-texts';

/** The files a patient keeps: a course's calendar and letter, and all their courses' calendar for a subscription. */
@Injectable()
export class PatientFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CourseService,
    private readonly centerConfig: CenterConfigService,
    private readonly config: AppConfig,
  ) {}

  /** The course's calendar; another country's course is 404 to a ministry (CourseService.get). */
  async courseCalendar(courseId: string, language: Language): Promise<string> {
    await this.courses.get(courseId);
    return this.calendarOf([courseId], language);
  }

  /** Every course of the patient, for the subscription feed (the link already identified the patient). */
  async patientCalendar(patientId: string, language: Language): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM courses WHERE patient_id = $1 ORDER BY created_at, id`, [patientId]);
    return this.calendarOf(
      rows.map((r) => r.id),
      language,
    );
  }

  /** The appointment letter; a course with nothing booked has no first fraction to invite to (409). */
  async courseLetter(courseId: string, language: Language): Promise<Buffer> {
    const course = await this.courses.get(courseId);
    // The course's scope was checked above; its patient comes with it (a referred patient's own scope is the same country).
    const patient = await this.dataSource.getRepository(Patient).findOneByOrFail({ id: course.patientId });
    const fractions = liveFractions(await courseFractions(this.dataSource.manager, [courseId]));
    if (fractions.length === 0) {
      throw conflict('course-not-booked', `Course ${courseId} has no booked fractions yet: its letter is made once it is scheduled`, {
        courseStatus: course.status,
      });
    }
    const { timeZone } = await this.centerConfig.load();
    return appointmentLetter({
      patient: { fullName: `${patient.firstName} ${patient.lastName}`, birthDate: patient.birthDate },
      fractions,
      timeZone,
      center: centerContact(this.config),
      texts: PATIENT_TEXTS[language],
      language,
    });
  }

  private async calendarOf(courseIds: string[], language: Language): Promise<string> {
    const { timeZone } = await this.centerConfig.load();
    return courseCalendar({
      fractions: await courseFractions(this.dataSource.manager, courseIds),
      timeZone,
      center: centerContact(this.config),
      texts: PATIENT_TEXTS[language],
      now: new Date(),
    });
  }
}
