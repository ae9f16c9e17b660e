import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../center/center-config.service';
import { badRequest } from '../common/problem';
import { ForecastDataService } from '../forecasts/forecast-data.service';
import { caseMix, defaultArrivals, estimateArrivals, physicalLimit, localToEpochMin, parseDate } from '../scheduling';
import { roomCapacity, RoomCapacity } from './capacity-calc';

/** The longest range one request may ask for: a year plus a week, so "this year" always fits. */
const MAX_DAYS = 371;
const MIX_HISTORY_WEEKS = 26;
const MIN_MIX_HISTORY = 20;

export interface CapacityView {
  from: string;
  to: string;
  timeZone: string;
  rooms: Array<RoomCapacity & { name: string }>;
  weeks: Array<{ isoWeek: string; weekStart: string; openMinutes: number; bookedMinutes: number; utilization: number }>;
  center: {
    year: number;
    physicalLimit: {
      coursesPerYear: number;
      roomBound: number;
      beamBound: number;
      anesthesiaBound: number;
      mixSource: 'history' | 'default';
      mixCourses: number;
    };
    annualCapacity: number;
    coursesScheduled: number;
    coursesInTreatment: number;
    coursesBookedOrInTreatment: number;
  };
}

@Injectable()
export class CapacityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
    private readonly forecastData: ForecastDataService,
  ) {}

  async capacity(from: string, to: string, now = new Date()): Promise<CapacityView> {
    const days = parseDate(to) - parseDate(from);
    if (days <= 0) throw badRequest('invalid-range', 'to must be after from', { errors: [{ field: 'to', messages: ['to must be after from'] }] });
    if (days > MAX_DAYS)
      throw badRequest('invalid-range', `the range may span at most ${MAX_DAYS} days`, {
        errors: [{ field: 'to', messages: [`at most ${MAX_DAYS} days after from`] }],
      });

    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const center = await this.centerConfig.load(m);
      const settings = await this.centerConfig.getSettings(m);
      const startMin = localToEpochMin(center.timeZone, parseDate(from), 0);
      const endMin = localToEpochMin(center.timeZone, parseDate(to), 0);
      // DELIVERED fractions used the room too: past weeks would otherwise look empty.
      const bookings = (await m.query(
        `SELECT room_id, start, "end" FROM appointments
          WHERE status IN ('BOOKED','DELIVERED') AND "end" > $1 AND start < $2 ORDER BY room_id, start`,
        [new Date(startMin * 60_000), new Date(endMin * 60_000)],
      )) as Array<{ room_id: string; start: Date; end: Date }>;
      const names = new Map(((await m.query('SELECT id, name FROM rooms')) as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
      const rooms = roomCapacity(
        center,
        bookings.map((b) => ({ roomId: b.room_id, start: b.start.toISOString(), end: b.end.toISOString() })),
        from,
        to,
      ).map((r) => ({ ...r, name: names.get(r.roomId) ?? r.roomId }));

      const weekTotals = new Map<string, { isoWeek: string; weekStart: string; openMinutes: number; bookedMinutes: number; utilization: number }>();
      for (const room of rooms) {
        for (const w of room.weeks) {
          const t = weekTotals.get(w.weekStart) ?? { isoWeek: w.isoWeek, weekStart: w.weekStart, openMinutes: 0, bookedMinutes: 0, utilization: 0 };
          t.openMinutes += w.openMinutes;
          t.bookedMinutes += w.bookedMinutes;
          weekTotals.set(w.weekStart, t);
        }
      }
      const weeks = [...weekTotals.values()]
        .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
        .map((w) => ({ ...w, utilization: w.openMinutes > 0 ? Math.round((w.bookedMinutes / w.openMinutes) * 10_000) / 10_000 : 0 }));

      const history = await this.forecastData.recentSubmissions(m, now, MIX_HISTORY_WEEKS);
      const fromHistory = history.length >= MIN_MIX_HISTORY;
      const arrivals = fromHistory ? estimateArrivals(history, MIX_HISTORY_WEEKS) : defaultArrivals(settings.annualCapacity);
      const mix = caseMix(arrivals);
      const year = Number(from.slice(0, 4));
      const limit = physicalLimit(center, mix, year);

      const [counts] = (await m.query(
        `SELECT count(*) FILTER (WHERE status = 'SCHEDULED')::int AS scheduled,
                count(*) FILTER (WHERE status = 'IN_TREATMENT')::int AS in_treatment
           FROM courses`,
      )) as Array<{ scheduled: number; in_treatment: number }>;

      return {
        from,
        to,
        timeZone: center.timeZone,
        rooms,
        weeks,
        center: {
          year,
          physicalLimit: {
            coursesPerYear: limit.courses,
            roomBound: limit.roomBound,
            beamBound: limit.beamBound,
            anesthesiaBound: limit.anesthesiaBound,
            mixSource: fromHistory ? 'history' : 'default',
            mixCourses: history.length,
          },
          annualCapacity: settings.annualCapacity,
          coursesScheduled: counts.scheduled,
          coursesInTreatment: counts.in_treatment,
          coursesBookedOrInTreatment: counts.scheduled + counts.in_treatment,
        },
      };
    });
  }
}
