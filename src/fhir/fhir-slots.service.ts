import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Bundle, Schedule, Slot } from 'fhir/r4';
import { CenterConfigService } from '../center/center-config.service';
import { badRequest, notFound } from '../common/problem';
import { formatDate, formatInstant, Interval, localDayOf, openIntervals, RoomKind, subtract } from '../scheduling';
import { ROOM_KINDS } from '../rooms/room.entity';
import type { SlotSearchDto, FhirSearchDto } from './dto/search.dto';
import { FhirRepository } from './fhir.repository';
import { instantBounds, pageOf, searchBundle } from './fhir-search';
import { toSchedule, toSlot } from './resources';
import { keyOf, ROOM_KIND_CODES } from './terminology';

/** A free place is as long as an adult's fraction (the SPEC's default, 30 minutes). */
export const SLOT_MINUTES = 30;
export const DEFAULT_HORIZON_WEEKS = 4;
export const MAX_HORIZON_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

/**
 * Schedule and Slot: each room kind's free places for the next weeks, for a national booking portal
 * to show capacity. Open time comes from the pure core's calendar (hours, QA, closures, holidays,
 * downtimes), booked fractions are cut out of it, and what is left is offered in SLOT_MINUTES places.
 * Not a promise: the allocator still places a course by its rules (and keeps each day's emergency reserve).
 */
@Injectable()
export class FhirSlotsService {
  constructor(
    private readonly center: CenterConfigService,
    private readonly repo: FhirRepository,
  ) {}

  private kindOf(schedule: string | undefined): RoomKind[] {
    if (schedule === undefined) return [...ROOM_KINDS];
    const code = schedule.startsWith('Schedule/') ? schedule.slice('Schedule/'.length) : schedule;
    const kind = keyOf(ROOM_KIND_CODES, code, (v) => v.code);
    if (!kind) throw badRequest('invalid-search-parameter', `schedule=${schedule}: Schedule/gantry or Schedule/fixed-beam`, { field: 'schedule' });
    return [kind];
  }

  private horizon(now: Date) {
    return { start: now, end: new Date(now.getTime() + DEFAULT_HORIZON_WEEKS * WEEK_MS) };
  }

  private async allSchedules(now: Date): Promise<Schedule[]> {
    const config = await this.center.load();
    const minute = (d: Date) => formatInstant(config.timeZone, Math.floor(d.getTime() / 60_000));
    const horizon = { start: minute(now), end: minute(new Date(now.getTime() + DEFAULT_HORIZON_WEEKS * WEEK_MS)) };
    return ROOM_KINDS.map((kind) => ({ kind, rooms: config.rooms.filter((r) => r.active && r.kind === kind) }))
      .filter((s) => s.rooms.length > 0)
      .map((s) =>
        toSchedule(
          s.kind,
          s.rooms.map((r) => ({ id: r.id, name: r.name ?? r.id })),
          horizon,
        ),
      );
  }

  async schedules(req: Request, q: FhirSearchDto, now = new Date()): Promise<Bundle> {
    const all = await this.allSchedules(now);
    const page = pageOf(q);
    return searchBundle(req, all.slice(page.offset, page.offset + page.count), all.length, page);
  }

  async schedule(id: string, now = new Date()): Promise<Schedule> {
    const found = (await this.allSchedules(now)).find((s) => s.id === id);
    if (!found) throw notFound('Schedule', id);
    return found;
  }

  async slots(req: Request, q: SlotSearchDto, now = new Date()): Promise<Bundle> {
    if (q.status !== undefined && q.status !== 'free') throw badRequest('invalid-search-parameter', 'status: only free slots are served', { field: 'status' });
    const kinds = this.kindOf(q.schedule);
    const config = await this.center.load();
    const tz = config.timeZone;
    const bounds = instantBounds('start', q.start, tz);
    const from = bounds.lower && bounds.lower > now ? bounds.lower : now;
    const to = bounds.upper ?? new Date(from.getTime() + DEFAULT_HORIZON_WEEKS * WEEK_MS);
    if (to.getTime() - from.getTime() > MAX_HORIZON_WEEKS * WEEK_MS) {
      throw badRequest('invalid-search-parameter', `start: at most ${MAX_HORIZON_WEEKS} weeks at a time`, { field: 'start' });
    }
    const [fromMin, toMin] = [Math.ceil(from.getTime() / 60_000), Math.floor(to.getTime() / 60_000)];
    const booked = new Map<string, Interval[]>();
    for (const b of await this.repo.booked(from, to)) {
      booked.set(b.room_id, [...(booked.get(b.room_id) ?? []), [Math.floor(b.start.getTime() / 60_000), Math.ceil(b.end.getTime() / 60_000)]]);
    }
    const slots: Slot[] = [];
    for (let day = localDayOf(tz, fromMin); day <= localDayOf(tz, toMin); day++) {
      for (const room of config.rooms.filter((r) => r.active && kinds.includes(r.kind))) {
        let free: Interval[] = openIntervals(config, room.id, formatDate(day)).map((iv) => [Date.parse(iv.start) / 60_000, Date.parse(iv.end) / 60_000]);
        free = subtract(free, [-Infinity, fromMin]);
        free = subtract(free, [toMin, Infinity]);
        for (const cut of booked.get(room.id) ?? []) free = subtract(free, cut);
        for (const [s, e] of free) {
          for (let t = s; t + SLOT_MINUTES <= e; t += SLOT_MINUTES) {
            slots.push(toSlot(room.kind, room.id, formatInstant(tz, t), formatInstant(tz, t + SLOT_MINUTES), t));
          }
        }
      }
    }
    slots.sort((a, b) => a.start.localeCompare(b.start) || a.id!.localeCompare(b.id!));
    const page = pageOf(q);
    return searchBundle(req, slots.slice(page.offset, page.offset + page.count), slots.length, page);
  }
}
