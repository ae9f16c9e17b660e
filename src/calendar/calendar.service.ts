import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { conflict } from '../common/problem';
import { CenterSettingsRow } from '../center/center-settings.entity';
import { CenterSettings, toCenterSettings } from '../center/center-settings';
import type { WeeklyHours } from '../scheduling/types';
import { strandedBookings } from './stranded-bookings';
import { UpdateCalendarDto } from './update-calendar.dto';

/** Changes that can move a booked fraction outside its room's open time (rules 1 and 7). */
const CALENDAR_FIELDS = ['timeZone', 'hours', 'qaMinutes', 'anesthesiaWindows', 'holidays'];

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly center: CenterConfigService,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<CenterSettings> {
    return this.center.getSettings();
  }

  /** Applies the given fields to the settings row and audits exactly what changed, in one transaction. */
  update(dto: UpdateCalendarDto): Promise<CenterSettings> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CenterSettingsRow);
      const row = await repo.findOneOrFail({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      const next: Partial<CenterSettingsRow> = {
        timeZone: dto.timeZone,
        hours: dto.hours ? weekly(dto.hours) : undefined,
        qaMinutes: dto.qaMinutes,
        anesthesiaWindows: dto.anesthesia?.windows ? weekly(dto.anesthesia.windows) : undefined,
        anesthesiaTeams: dto.anesthesia?.teams,
        sharedBeam: dto.sharedBeam,
        holidays: dto.holidays,
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
      const saved = await repo.save(row);
      if (CALENDAR_FIELDS.some((f) => f in changes)) {
        // load() sees this transaction's update (the trigger bumped the version), so this is the new calendar.
        const stranded = await strandedBookings(m, await this.center.load(m));
        if (stranded.count > 0) {
          throw conflict(
            'calendar-strands-bookings',
            `${stranded.count} booked future fraction(s) would fall outside the new calendar; declare a downtime over them first so they are rescheduled`,
            { bookedFractions: stranded.count, sample: stranded.sample },
          );
        }
      }
      await this.audit.record(m, { action: 'calendar.update', entity: 'center_settings', entityId: '1', details: changes });
      return toCenterSettings(saved);
    });
  }
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
