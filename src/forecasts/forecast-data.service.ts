import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Course } from '../courses/course.entity';
import { courseRequests } from '../courses/course-requests';
import { notStartedCourses } from '../courses/not-started-courses';
import { AppointmentRow, rowToBooking, SELECT_APPOINTMENT_ROWS } from '../appointments/appointment-row';
import { CenterConfigService } from '../center/center-config.service';
import type { SubmissionRecord, QuotaDemand, Booking, CenterConfig, CourseRequest, RoomKind, Urgency } from '../scheduling';
import { tablesExist } from '../database/tables-exist';

/** The live state a forecast starts from, read in one snapshot. */
export interface ForecastSnapshot {
  center: CenterConfig;
  existing: Booking[];
  history: SubmissionRecord[];
  quotaDemand: QuotaDemand[];
  annualCapacity: number;
  /** Room id → name, so a result can be read without looking ids up. */
  roomNames: Record<string, string>;
  /** Courses whose first fraction was given this (center-local) year before `now`. */
  startedThisYear: number;
  /** With `withCourses`: the courses of the live bookings, and the routine/urgent ones not started (what-if downtimes need them). */
  courses: CourseRequest[];
  notStarted: CourseRequest[];
}

interface SubmissionRow {
  submitted_at: Date;
  urgency: Urgency;
  requires_anesthesia: boolean;
  fractions: number;
  fractions_per_week: number;
  fraction_minutes: number;
  beam_minutes: number;
  room_kinds: RoomKind[];
  pediatric: boolean;
}

/**
 * Reads bookings, recent submissions and unused quota places with plain SQL: a forecast only needs
 * a few columns of each, and reading them raw keeps this module independent of the entities'
 * evolution in other modules.
 */
@Injectable()
export class ForecastDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
  ) {}

  async snapshot(now: Date, historyWeeks: number, includeQuotaDemand: boolean, withCourses = false): Promise<ForecastSnapshot> {
    // REPEATABLE READ: bookings, courses and quotas from one consistent moment.
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const center = await this.centerConfig.load(m);
      const settings = await this.centerConfig.getSettings(m);
      const appointments = (await m.query(`${SELECT_APPOINTMENT_ROWS} WHERE status = 'BOOKED' AND "end" > $1 ORDER BY start, id`, [now])) as AppointmentRow[];
      const existing: Booking[] = appointments.map(rowToBooking);

      const history = await this.recentSubmissions(m, now, historyWeeks);
      const quotaDemand = includeQuotaDemand ? await this.unusedQuotaPlaces(m, now, center.timeZone) : [];
      const rooms = (await m.query('SELECT id, name FROM rooms ORDER BY lower(name)')) as Array<{ id: string; name: string }>;
      const roomNames = Object.fromEntries(rooms.map((r) => [r.id, r.name]));
      const startedThisYear = await this.startedThisYear(m, now, center.timeZone);
      // Only a what-if downtime needs the courses (the live rescheduling re-places their fractions).
      const courseIds = withCourses ? [...new Set(existing.map((b) => b.courseId))] : [];
      const courses = courseIds.length ? await courseRequests(m, await m.getRepository(Course).findBy({ id: In(courseIds) })) : [];
      const notStarted = withCourses ? await notStartedCourses(m, ['ROUTINE', 'URGENT']) : [];
      return { center, existing, history, quotaDemand, annualCapacity: settings.annualCapacity, roomNames, startedThisYear, courses, notStarted };
    });
  }

  /**
   * Submissions, not schedules: what arrived, whatever became of it (cancelled courses included,
   * they took a place when they arrived), drafts excluded since they never arrived.
   */
  async recentSubmissions(m: EntityManager, now: Date, weeks: number): Promise<SubmissionRecord[]> {
    const rows = (await m.query(
      `SELECT c.submitted_at, c.urgency, c.requires_anesthesia, c.fractions, c.fractions_per_week,
              c.fraction_minutes, c.beam_minutes, c.room_kinds,
              (p.birth_date > c.earliest_start - interval '18 years') AS pediatric
         FROM courses c JOIN patients p ON p.id = c.patient_id
        WHERE c.submitted_at IS NOT NULL AND c.status <> 'DRAFT'
          AND c.submitted_at >= $1::timestamptz - make_interval(weeks => $2) AND c.submitted_at < $1::timestamptz
        ORDER BY c.submitted_at, c.id`,
      [now, weeks],
    )) as SubmissionRow[];
    return rows.map((s) => ({
      arrival: s.submitted_at.toISOString(),
      patientCategory: s.pediatric ? 'PEDIATRIC' : 'ADULT',
      urgency: s.urgency,
      requiresAnesthesia: s.requires_anesthesia,
      fractions: s.fractions,
      fractionsPerWeek: s.fractions_per_week,
      fractionMinutes: s.fraction_minutes,
      beamMinutes: s.beam_minutes,
      roomKinds: s.room_kinds?.length ? s.room_kinds : undefined,
    }));
  }

  /**
   * The year-to-date actual of the headline: courses whose first fraction (given, or booked and
   * already begun) lies between 1 January (center-local) and `now`.
   */
  private async startedThisYear(m: EntityManager, now: Date, timeZone: string): Promise<number> {
    const [row] = (await m.query(
      `SELECT count(DISTINCT course_id)::int AS n FROM appointments
        WHERE fraction = 1 AND status IN ('DELIVERED', 'BOOKED') AND start < $1
          AND start >= (date_trunc('year', $1::timestamptz AT TIME ZONE $2) AT TIME ZONE $2)`,
      [now, timeZone],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  }

  /**
   * granted − used per quota for this year and later: every place not yet used by a referral is a
   * course still to come. Held (reserved) places count too: a hold becomes a referral — a course
   * submitted after `now`, which no history read here contains — or expires and its places are
   * available again; either way they are demand the forecast would otherwise never see.
   */
  private async unusedQuotaPlaces(m: EntityManager, now: Date, timeZone: string): Promise<QuotaDemand[]> {
    if (!(await tablesExist(m, 'quotas'))) return [];
    const rows = (await m.query(
      `SELECT country_code, year, category, (granted - used) AS places
         FROM quotas WHERE year >= extract(year FROM $1::timestamptz AT TIME ZONE $2) AND granted - used > 0
        ORDER BY year, country_code, category`,
      [now, timeZone],
    )) as Array<{ country_code: string; year: number; category: string; places: number }>;
    return rows.map((r) => ({ countryCode: r.country_code, year: Number(r.year), category: r.category, places: Number(r.places) }));
  }
}
