import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CenterSeedService } from '../center/center-seed.service';
import { ProblemException } from '../common/problem';
import { Actor, requestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { CourseService } from '../courses/course.service';
import { PatientService } from '../patients/patient.service';
import { QuotasService } from '../quotas/quotas.service';
import { ReservationsService } from '../quotas/reservations.service';
import type { QuotaView } from '../quotas/views/quota.view';

import { ReferralsService } from '../referrals/referrals.service';
import { UsersService } from '../users/users.service';
import { DEMO_WINDOW_DAYS, DemoCase, demoCases, localDate } from './demo-courses';

/** From October on (the last quarter) the seed grants next year's quotas too. */
export const NEXT_YEAR_FROM_MONTH = 10;

/** Who the seed's audit entries, holds and referrals name. */
export const DEMO_SEED_ACTOR: Actor = { userId: null, username: 'demo-seed', role: 'SYSTEM', countryCode: null };

export const DEMO_QUOTA_CATEGORY = 'PEDIATRIC_ONCOHEMATOLOGY';
/** KG 40 + UZ 20 of the 120 cross-border places (800 x 15 %). */
export const DEMO_QUOTAS = [
  { countryCode: 'KG', granted: 40, spareHold: 2 },
  { countryCode: 'UZ', granted: 20, spareHold: 3 },
] as const;

export interface DemoSeedOptions {
  password: string;
  /** Days of arrivals before the anchor date (default 70: ~150 courses). Tests pass a few days. */
  windowDays?: number;
  /** Where progress lines go; the CLIs print them plainly, the default is the app's logger. */
  log?: (line: string) => void;
}

export interface DemoSeedReport {
  centerRoomsCreated: string[];
  usersCreated: string[];
  quotasCreated: string[];
  holdsCreated: number;
  referralsCreated: number;
  patientsCreated: number;
  coursesCreated: number;
  coursesSubmitted: number;
  cases: number;
  anchorDate: string;
}

interface Services {
  dataSource: DataSource;
  config: AppConfig;
  center: CenterSeedService;
  users: UsersService;
  quotas: QuotasService;
  reservations: ReservationsService;
  referrals: ReferralsService;
  patients: PatientService;
  courses: CourseService;
}

/**
 * The demo data, created through the real services (so every row is validated, audited and
 * every course is allocated by the real workers) and idempotent: each step first looks for
 * what it would create. Not a Nest provider on purpose: the demo CLI, `seed:demo` and the
 * walkthrough e2e test each build the app differently, and all three just hand it over.
 */
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');
  private log: (line: string) => void = (line) => this.logger.log(line);

  constructor(private readonly s: Services) {}

  static fromApp(app: INestApplicationContext): DemoSeedService {
    return new DemoSeedService({
      dataSource: app.get<DataSource>(getDataSourceToken()),
      config: app.get(AppConfig),
      center: app.get(CenterSeedService),
      users: app.get(UsersService),
      quotas: app.get(QuotasService),
      reservations: app.get(ReservationsService),
      referrals: app.get(ReferralsService),
      patients: app.get(PatientService),
      courses: app.get(CourseService),
    });
  }

  run(options: DemoSeedOptions): Promise<DemoSeedReport> {
    return requestContext.run({ requestId: `demo-seed-${Date.now()}`, actor: DEMO_SEED_ACTOR }, () => this.seed(options));
  }

  private async seed(options: DemoSeedOptions): Promise<DemoSeedReport> {
    if (options.log) this.log = options.log;
    const tz = this.s.config.centerTimeZone;
    const today = localDate(new Date(), tz);
    const center = await this.s.center.ensureDemoCenter();
    this.log(`center: ${center.roomsCreated.length ? `created rooms ${center.roomsCreated.join(', ')}` : 'rooms already there'}`);
    const users = await this.s.users.ensureDemoUsers(options.password);
    this.log(`accounts: ${users.created.length ? `created ${users.created.join(', ')}` : 'already there'}`);

    const anchorDate = await this.anchorDate(today);
    const cases = demoCases({ anchorDate, today, timeZone: tz, windowDays: options.windowDays });
    const year = Number(today.slice(0, 4));
    const report: DemoSeedReport = {
      centerRoomsCreated: center.roomsCreated,
      usersCreated: users.created,
      quotasCreated: [],
      holdsCreated: 0,
      referralsCreated: 0,
      patientsCreated: 0,
      coursesCreated: 0,
      coursesSubmitted: 0,
      cases: cases.length,
      anchorDate,
    };

    const holds = new Map<string, string | null>();
    for (const q of DEMO_QUOTAS) {
      const referralsToMake = q.countryCode === 'KG' ? await this.missingReferrals(cases) : 0;
      holds.set(q.countryCode, await this.ensureQuotaAndHold(q.countryCode, q.granted, year, referralsToMake + q.spareHold, report));
    }

    // Seeded in the last quarter, the demo would show places lapsing on 31 December with no next year to hold in.
    if (Number(today.slice(5, 7)) >= NEXT_YEAR_FROM_MONTH) {
      for (const q of DEMO_QUOTAS) await this.ensureQuota(q.countryCode, q.granted, year + 1, report);
    }

    this.log(
      `courses: ${cases.length} arrivals from the ${options.windowDays ?? DEMO_WINDOW_DAYS} days up to ${anchorDate} (submitted now, booked from now on)`,
    );
    for (const [i, c] of cases.entries()) {
      if (c.referralCountry) await this.ensureReferral(c, holds.get(c.referralCountry) ?? null, report);
      else await this.ensureCourse(c, report);
      if ((i + 1) % 50 === 0) this.log(`courses: ${i + 1}/${cases.length} seeded`);
    }
    this.log(
      `done: ${report.patientsCreated} patients, ${report.coursesCreated} courses, ${report.referralsCreated} referrals, ` +
        `${report.coursesSubmitted} submissions (the workers allocate them)`,
    );
    return report;
  }

  /**
   * The window ends on the day the demo was first seeded, so a re-run weeks later re-creates
   * the same cases instead of adding the arrivals of the weeks in between.
   */
  private async anchorDate(today: string): Promise<string> {
    const [row]: Array<{ first: Date | null }> = await this.s.dataSource.query(`SELECT min(created_at) AS first FROM patients WHERE mrn LIKE 'DEMO-%'`);
    return row?.first ? localDate(row.first, this.s.config.centerTimeZone) : today;
  }

  private async missingReferrals(cases: DemoCase[]): Promise<number> {
    let missing = 0;
    for (const c of cases) if (c.referralCountry && !(await this.patientId(c.key))) missing++;
    return missing;
  }

  /** Grants the quota if missing (idempotent); null when the grant was refused (logged). */
  private async ensureQuota(countryCode: string, granted: number, year: number, report: DemoSeedReport): Promise<QuotaView | null> {
    const [quota] = await this.s.quotas.list({ year, countryCode, category: DEMO_QUOTA_CATEGORY });
    if (quota) return quota;
    try {
      const created = await this.s.quotas.create({ countryCode, year, category: DEMO_QUOTA_CATEGORY, granted });
      report.quotasCreated.push(`${countryCode} ${year}`);
      this.log(`quota: granted ${countryCode} ${granted} ${DEMO_QUOTA_CATEGORY} places for ${year}`);
      return created;
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      this.log(`warning: quota: ${countryCode} ${year} not granted: ${error.message}`);
      return null;
    }
  }

  /** Grants the quota if missing and holds places once; returns the seed's hold id (if still HELD). */
  private async ensureQuotaAndHold(countryCode: string, granted: number, year: number, holdCount: number, report: DemoSeedReport): Promise<string | null> {
    const quota = await this.ensureQuota(countryCode, granted, year, report);
    if (!quota) return null;
    const [hold]: Array<{ id: string; status: string }> = await this.s.dataSource.query(
      `SELECT id, status FROM quota_reservations WHERE quota_id = $1 AND created_by = $2 ORDER BY created_at LIMIT 1`,
      [quota.id, DEMO_SEED_ACTOR.username],
    );
    if (hold) return hold.status === 'HELD' ? hold.id : null;
    if (holdCount > quota.available) {
      this.log(`warning: quota: ${countryCode} has ${quota.available} places left, not holding ${holdCount}`);
      return null;
    }
    const created = await this.s.reservations.reserve(quota.id, { count: holdCount, holdDays: 14 });
    report.holdsCreated++;
    this.log(`quota: ${countryCode} holds ${holdCount} places for 14 days`);
    return created.id;
  }

  private async ensureReferral(c: DemoCase, holdId: string | null, report: DemoSeedReport): Promise<void> {
    if (await this.patientId(c.key)) return;
    if (!holdId) {
      this.log(`warning: referral ${c.key} skipped: no held ${c.referralCountry} reservation`);
      return;
    }
    const { firstName, lastName, birthDate, sex, mrn } = c.patient;
    await this.s.referrals.create({ reservationId: holdId, patient: { firstName, lastName, birthDate, sex }, course: { ...c.course } }, { mrn });
    report.referralsCreated++;
    report.patientsCreated++;
    report.coursesCreated++;
    report.coursesSubmitted++;
  }

  /** Patient, course, submission: each step only if missing, so an interrupted seed resumes. */
  private async ensureCourse(c: DemoCase, report: DemoSeedReport): Promise<void> {
    let patientId = await this.patientId(c.key);
    if (!patientId) {
      patientId = (await this.s.patients.create({ ...c.patient, countryCode: 'KZ' })).id;
      report.patientsCreated++;
    }
    const [existing]: Array<{ id: string; status: string }> = await this.s.dataSource.query(
      `SELECT id, status FROM courses WHERE patient_id = $1 ORDER BY created_at LIMIT 1`,
      [patientId],
    );
    let course = existing;
    if (!course) {
      course = await this.s.courses.create({ ...c.course, patientId });
      report.coursesCreated++;
    }
    if (course.status === 'DRAFT') {
      await this.s.courses.submit(course.id);
      report.coursesSubmitted++;
    }
  }

  private async patientId(mrn: string): Promise<string | null> {
    const [row]: Array<{ id: string }> = await this.s.dataSource.query('SELECT id FROM patients WHERE mrn = $1', [mrn]);
    return row?.id ?? null;
  }
}
