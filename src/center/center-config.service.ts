import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CenterConfig, DowntimeSpec, RoomKind, WeeklyHours } from '../scheduling';
import { CenterSettingsRow } from './center-settings.entity';
import { CenterSettings, DailyWindow, toCenterSettings } from './center-settings';

/** Dates ('YYYY-MM-DD') or instants; closures and downtimes outside it are left out. */
export interface CenterRange {
  from: string;
  to: string;
}

interface ConfigRow {
  version: string;
  settings: {
    time_zone: string;
    hours: WeeklyHours;
    qa_minutes: number;
    anesthesia_windows: WeeklyHours;
    anesthesia_teams: number;
    shared_beam: boolean;
    holidays: 'KZ' | 'NONE';
    pediatric_hours: DailyWindow;
  };
  rooms: Array<{ id: string; kind: RoomKind; active: boolean; name: string }>;
  closures: Array<{ date: string; kind: 'CLOSURE' | 'WORKING_DAY' }>;
  downtimes: Array<{ id: string; roomId: string | null; start: string; end: string; reason: string }>;
}

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const DAY_MS = 86_400_000;
const MAX_CACHED_RANGES = 32;

// Everything in one round trip: the allocation worker calls load() for every job.
const CONFIG_SQL = `
  SELECT
    (SELECT version::text FROM center_config_version WHERE id = 1) AS version,
    (SELECT row_to_json(s) FROM center_settings s WHERE s.id = 1) AS settings,
    (SELECT coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'active', r.active, 'name', r.name) ORDER BY lower(r.name)), '[]'::json)
       FROM rooms r) AS rooms,
    (SELECT coalesce(json_agg(json_build_object('date', c.date, 'kind', c.kind) ORDER BY c.date), '[]'::json)
       FROM closures c WHERE $1::date IS NULL OR c.date BETWEEN $1::date AND $2::date) AS closures,
    (SELECT coalesce(json_agg(json_build_object('id', d.id, 'roomId', d.room_id, 'start', d.start_at, 'end', d.end_at, 'reason', d.reason)
                              ORDER BY d.start_at, d.id), '[]'::json)
       FROM downtimes d WHERE $3::timestamptz IS NULL OR (d.end_at > $3::timestamptz AND d.start_at < $4::timestamptz)) AS downtimes`;

/**
 * Assembles the scheduling core's CenterConfig from rooms, settings, closures and downtimes.
 *
 * Results are cached per center_config_version (bumped by triggers on every write to those tables),
 * so a hit costs one tiny query and returns the same frozen object — which also lets the core reuse
 * the calendar it compiled for that object. Frozen because it is shared: derive a copy to change it.
 */
@Injectable()
export class CenterConfigService {
  private cachedVersion: string | null = null;
  private readonly cached = new Map<string, CenterConfig>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(manager?: EntityManager, range?: CenterRange): Promise<CenterConfig> {
    const m = manager ?? this.dataSource.manager;
    const bounds = range ? widen(range) : null;
    const key = bounds ? `${bounds.fromDate}|${bounds.toDate}` : '*';
    const [{ version }] = (await m.query('SELECT version::text AS version FROM center_config_version WHERE id = 1')) as Array<{ version: string }>;
    if (version === this.cachedVersion) {
      const hit = this.cached.get(key);
      if (hit) return hit;
    }

    const [row] = (await m.query(CONFIG_SQL, [
      bounds?.fromDate ?? null,
      bounds?.toDate ?? null,
      bounds ? `${bounds.fromDate}T00:00:00Z` : null,
      bounds ? `${bounds.toDate}T00:00:00Z` : null,
    ])) as ConfigRow[];
    const config = deepFreeze(toCenterConfig(row));

    // Cache under the version read by the same statement as the data, so the two always match.
    if (row.version !== this.cachedVersion) {
      this.cached.clear();
      this.cachedVersion = row.version;
    }
    if (this.cached.size >= MAX_CACHED_RANGES) this.cached.clear();
    this.cached.set(key, config);
    return config;
  }

  /** Calendar and capacity settings (annual capacity, cross-border share, horizon, time zone...). */
  async getSettings(manager?: EntityManager): Promise<CenterSettings> {
    const m = manager ?? this.dataSource.manager;
    const row = await m.getRepository(CenterSettingsRow).findOneByOrFail({ id: 1 });
    return toCenterSettings(row);
  }
}

function toCenterConfig(row: ConfigRow): CenterConfig {
  const s = row.settings;
  const downtimes: DowntimeSpec[] = row.downtimes.map((d) => ({
    id: d.id,
    roomId: d.roomId,
    start: new Date(d.start).toISOString(),
    end: new Date(d.end).toISOString(),
    reason: d.reason,
  }));
  return {
    timeZone: s.time_zone,
    rooms: row.rooms.map((r) => ({ id: r.id, kind: r.kind, active: r.active, name: r.name })),
    hours: s.hours,
    qaMinutes: s.qa_minutes,
    anesthesia: { windows: s.anesthesia_windows, teams: s.anesthesia_teams },
    sharedBeam: s.shared_beam,
    holidays: s.holidays === 'KZ' ? 'KZ' : false,
    closures: row.closures.filter((c) => c.kind === 'CLOSURE').map((c) => c.date),
    workingDays: row.closures.filter((c) => c.kind === 'WORKING_DAY').map((c) => c.date),
    downtimes,
    pediatricHours: [s.pediatric_hours.from, s.pediatric_hours.to],
  };
}

/**
 * Turns a range of dates or instants into whole UTC days with a margin of a day before and two
 * after, so every local day of the range (in any zone, UTC-12..+14) is fully covered.
 */
function widen(range: CenterRange): { fromDate: string; toDate: string } {
  return { fromDate: shiftDate(range.from, -1), toDate: shiftDate(range.to, 2) };
}

function shiftDate(value: string, days: number): string {
  const m = DATE_PREFIX.exec(value);
  if (!m) throw new RangeError(`CenterConfigService range bound is not a date or ISO instant: ${value}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
