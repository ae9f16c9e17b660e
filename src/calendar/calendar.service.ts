import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentRow, rowToBooking, SELECT_APPOINTMENT_ROWS } from '../appointments/appointment-row';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { badRequest, conflict } from '../common/problem';
import { CenterSettingsRow } from '../center/center-settings.entity';
import { CenterSettings, toCenterSettings } from '../center/center-settings';
import { centerYear } from '../common/center-clock';
import { crossBorderCap } from '../quotas/year-cap';
import { checkSchedule } from '../scheduling';
import type { CenterConfig, WeeklyHours } from '../scheduling';
import { StrandedBooking, strandedBookings } from './stranded-bookings';
import { lockBookings } from '../database/booking-lock';
import { SHARED_BEAM_LINE } from '../appointments/appointment.entity';
import { UpdateCalendarDto } from './dto/update-calendar.dto';
import { OpenedDaysFollowUp, OpenedDaysRescheduleView, PendingOpenedDays } from './opened-days-follow-up';
import { tablesExist } from '../database/tables-exist';

/** Changes that can move a booked fraction outside its room's open time (rules 1 and 7). */
const CALENDAR_FIELDS = ['timeZone', 'hours', 'qaMinutes', 'anesthesiaWindows', 'holidays'];

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly center: CenterConfigService,
    private readonly audit: AuditService,
    private readonly opened: OpenedDaysFollowUp,
  ) {}

  get(): Promise<CenterSettings> {
    return this.center.getSettings();
  }

  /**
   * Applies the given fields to the settings row and audits exactly what changed, in one transaction.
   * When the change opens days under booked courses (rule 6), `reschedule` says so, and the job that
   * pulls their fractions onto those days is enqueued after commit.
   */
  async update(dto: UpdateCalendarDto): Promise<CenterSettings & { reschedule?: OpenedDaysRescheduleView }> {
    let pending: PendingOpenedDays | null = null;
    const settings = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CenterSettingsRow);
      const row = await repo.findOneOrFail({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      // GET, edit, PUT: a body read before someone else's change must not silently undo it.
      if (dto.updatedAt !== undefined && Date.parse(dto.updatedAt) !== new Date(row.updatedAt).getTime()) {
        throw conflict(
          'calendar-changed',
          `The calendar is at its version of ${new Date(row.updatedAt).toISOString()}, not the one this change was made on (${dto.updatedAt}); reload it and apply the change again`,
          {
            updatedAt: new Date(row.updatedAt).toISOString(),
          },
        );
      }
      const next: Partial<CenterSettingsRow> = {
        timeZone: dto.timeZone === undefined || dto.timeZone === row.timeZone ? dto.timeZone : await databaseTimeZone(m, dto.timeZone),
        hours: dto.hours ? weekly(dto.hours) : undefined,
        qaMinutes: dto.qaMinutes,
        anesthesiaWindows: dto.anesthesia?.windows ? weekly(dto.anesthesia.windows) : undefined,
        anesthesiaTeams: dto.anesthesia?.teams,
        sharedBeam: dto.sharedBeam,
        holidays: dto.holidays,
        pediatricHours: dto.pediatricHours ? { from: dto.pediatricHours.from, to: dto.pediatricHours.to } : undefined,
        horizonWeeks: dto.horizonWeeks,
        annualCapacity: dto.annualCapacity,
        crossBorderShare: dto.crossBorderShare,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(next) as Array<[keyof CenterSettingsRow, unknown]>) {
        if (value === undefined || stable(value) === stable(row[field])) continue;
        changes[field] = { from: row[field], to: value };
        (row as unknown as Record<string, unknown>)[field] = value;
      }
      if (Object.keys(changes).length === 0) return toCenterSettings(row);
      const calendarChanged = CALENDAR_FIELDS.some((f) => f in changes);
      // A first anesthesia team opens the window's days to courses that need one.
      const moreTeams = 'anesthesiaTeams' in changes && row.anesthesiaTeams > (changes.anesthesiaTeams.from as number);
      // The calendar as it stands (the row is not saved yet), to tell what this change strands from what a downtime already did.
      const before = calendarChanged || moreTeams ? await this.center.load(m) : undefined;
      const saved = await repo.save(row);
      if ('annualCapacity' in changes || 'crossBorderShare' in changes) await refuseCapBelowGrants(m, row);
      // Fewer teams, or one beam for rooms booked as independent machines, can overbook fractions that fit before (rules 7 and 8).
      const fewerTeams = 'anesthesiaTeams' in changes && row.anesthesiaTeams < (changes.anesthesiaTeams.from as number);
      const beamChanged = 'sharedBeam' in changes;
      const beamNowShared = beamChanged && row.sharedBeam;
      // No allocation may book under the old settings between the checks below and commit
      // (allocations take this lock before they read the calendar).
      if (calendarChanged || fewerTeams || beamChanged || moreTeams) await lockBookings(m);
      if (calendarChanged) {
        // load() sees this transaction's update (the trigger bumped the version), so this is the new calendar.
        const stranded = await strandedBookings(m, await this.center.load(m), { before });
        if (stranded.count > 0) {
          throw conflict(
            'calendar-strands-bookings',
            `${stranded.count} booked future fraction(s) would fall outside the new calendar; declare a downtime over them first so they are rescheduled`,
            { bookedFractions: stranded.count, sample: stranded.sample },
          );
        }
      }
      if (fewerTeams || beamNowShared) {
        const overbooked = await overbookedFractions(m, await this.center.load(m), [...(fewerTeams ? [7] : []), ...(beamNowShared ? [8] : [])]);
        if (overbooked.count > 0) {
          const what = [
            fewerTeams ? `more anesthesia fractions at once than ${row.anesthesiaTeams} team(s)` : '',
            beamNowShared ? 'overlapping beam times on the shared beam' : '',
          ]
            .filter(Boolean)
            .join(' and ');
          throw conflict(
            'calendar-strands-bookings',
            `${overbooked.count} booked future fraction(s) would break the new settings (${what}); move or cancel them first`,
            { bookedFractions: overbooked.count, sample: overbooked.sample },
          );
        }
      }
      if ('pediatricHours' in changes) {
        // Narrower hours must not leave a child's booked future fraction outside them (rule 9).
        const [{ count }] = (await m.query(`SELECT count(*)::int AS count FROM pediatric_hours_breaches WHERE start > now()`)) as Array<{ count: number }>;
        if (count > 0) {
          const sample = (await m.query(
            `SELECT appointment_id AS "appointmentId", course_id AS "courseId", fraction, start FROM pediatric_hours_breaches WHERE start > now() ORDER BY start LIMIT 10`,
          )) as unknown[];
          throw conflict(
            'calendar-strands-bookings',
            `${count} booked future fraction(s) of children would fall outside the new pediatric hours; move them first`,
            {
              bookedFractions: count,
              sample,
            },
          );
        }
      }
      if (beamChanged) await relabelBeamLines(m, row.sharedBeam);
      await this.audit.record(m, { action: 'calendar.update', entity: 'center_settings', entityId: '1', details: changes });
      if (before) {
        const fields = Object.keys(changes).filter((f) => CALENDAR_FIELDS.includes(f) || f === 'anesthesiaTeams');
        pending = await this.opened.assess(m, before, await this.center.load(m), `calendar change: ${fields.join(', ')}`);
        if (pending) await this.opened.record(m, pending);
      }
      return toCenterSettings(saved);
    });
    return pending ? { ...settings, reschedule: await this.opened.enqueue(pending) } : settings;
  }
}

/**
 * The zone as PostgreSQL spells it. The DTO checks the runtime's Intl, which also takes names the
 * database's own time zone data does not know (US/Pacific-New, dropped from tzdata in 2020): stored,
 * such a zone made every query that converts to local time fail (a 500 on this PUT when future
 * fractions are booked, on closures, downtime lists and the allocator's reads when none are). Both
 * know the zone after this check; a name in another case (asia/almaty) is stored in the canonical one.
 */
async function databaseTimeZone(m: EntityManager, zone: string): Promise<string> {
  const rows = (await m.query(`SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) ORDER BY name = $1 DESC, name LIMIT 1`, [zone])) as Array<{
    name: string;
  }>;
  if (rows.length === 0) {
    const message = `timeZone ${zone} is not known to the database; use a current IANA name such as Asia/Almaty`;
    throw badRequest('validation', `Validation failed: timeZone`, { errors: [{ field: 'timeZone', messages: [message] }] });
  }
  return rows[0].name;
}

/** The DTO instance as a plain object in weekday order (key order makes the change check stable). */
function weekly(hours: WeeklyHours): WeeklyHours {
  return { mon: hours.mon, tue: hours.tue, wed: hours.wed, thu: hours.thu, fri: hours.fri, sat: hours.sat, sun: hours.sun };
}

/** JSON with object keys sorted: jsonb hands keys back in its own order, so plain JSON.stringify would see false changes. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * SPEC §4: the cap bounds the sum of a year's grants, so lowering annualCapacity or
 * crossBorderShare under what is already granted would leave ministries holding places the center
 * no longer offers. Years that are over keep their history. The settings row is locked FOR UPDATE
 * by the caller and grants read it FOR SHARE, so no grant slips in between this check and commit.
 */
async function refuseCapBelowGrants(m: EntityManager, row: CenterSettingsRow): Promise<void> {
  if (!(await tablesExist(m, 'quotas'))) return;
  const cap = crossBorderCap(row.annualCapacity, row.crossBorderShare);
  const over = (await m.query(`SELECT year, sum(granted)::int AS granted FROM quotas WHERE year >= $1 GROUP BY year HAVING sum(granted) > $2 ORDER BY year`, [
    centerYear(row.timeZone),
    cap,
  ])) as Array<{ year: number; granted: number }>;
  if (over.length === 0) return;
  throw conflict(
    'cap-below-grants',
    `annualCapacity ${row.annualCapacity} x crossBorderShare ${row.crossBorderShare} allows ${cap} cross-border place(s) a year, ` +
      `but ${over.map((y) => `${y.year} has ${y.granted}`).join(', ')} granted; lower those quotas first`,
    { cap, annualCapacity: row.annualCapacity, crossBorderShare: row.crossBorderShare, years: over },
  );
}

/**
 * Future BOOKED fractions that break the team count (rule 7) or the shared beam (rule 8) under
 * `center`, judged by the core's own rule checker. Only its violations without a course are
 * these concurrency ones (the anesthesia-window part of rule 7 names a course and is
 * strandedBookings' business). Guarded like strandedBookings: appointments come from a later migration.
 */
async function overbookedFractions(m: EntityManager, center: CenterConfig, rules: number[]): Promise<{ count: number; sample: StrandedBooking[] }> {
  if (!(await tablesExist(m, 'appointments'))) return { count: 0, sample: [] };
  const rows = (await m.query(`${SELECT_APPOINTMENT_ROWS} WHERE status = 'BOOKED' AND "end" > now() ORDER BY start`)) as AppointmentRow[];
  const hit = new Set<string>();
  for (const v of checkSchedule(center, rows.map(rowToBooking), [])) {
    if (rules.includes(v.rule) && v.courseId === undefined) for (const id of v.bookingIds ?? []) hit.add(id);
  }
  const overbooked = rows.filter((r) => hit.has(r.id));
  return {
    count: overbooked.length,
    sample: overbooked.slice(0, 10).map((r) => ({ appointmentId: r.id, roomId: r.room_id, start: r.start.toISOString(), end: r.end.toISOString() })),
  };
}

/**
 * The database's beam-overlap constraint compares rows of one beam_line: a single line for all rooms
 * on a shared beam, each room its own otherwise. Future booked fractions take the new labelling with
 * the setting, so the constraint keeps guarding old and new bookings together.
 */
async function relabelBeamLines(m: EntityManager, shared: boolean): Promise<void> {
  if (!(await tablesExist(m, 'appointments'))) return;
  await m.query(`UPDATE appointments SET beam_line = CASE WHEN $1 THEN $2 ELSE room_id::text END WHERE status = 'BOOKED' AND "end" > now()`, [
    shared,
    SHARED_BEAM_LINE,
  ]);
}
