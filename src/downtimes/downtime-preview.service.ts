import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockBookings } from '../database/booking-lock';
import { BookingCacheService } from '../appointments/booking-cache.service';
import { CenterConfigService } from '../center/center-config.service';
import { planDowntimeReschedule, PlannedDowntime } from './downtime-plan';
import { openedDaysInput } from '../calendar/opened-days-input';
import { rescheduleForOpenedDays } from '../scheduling';
import type { Booking, CenterConfig, Move } from '../scheduling';
import {
  DowntimeChangePreviewView,
  DowntimeReschedulePreviewView,
  OpenedDaysPreviewView,
  PreviewCourseView,
  PreviewFractionView,
  PreviewSlotView,
} from './views/downtime-preview.view';
import { freedDays } from './freed-days';

/** The id a downtime only previewed carries in the core's calendar (never written anywhere). */
export const PREVIEW_DOWNTIME_ID = 'preview';

/** A downtime entry of the core's calendar, as CenterConfigService reads one from its row. */
function calendarEntry(d: PlannedDowntime): CenterConfig['downtimes'][number] {
  return { id: d.id, roomId: d.roomId, start: d.start.toISOString(), end: d.end.toISOString(), reason: d.reason ?? '' };
}

/**
 * Dry runs of declaring, changing and withdrawing a downtime. Each runs the same input-building and core
 * calls as the jobs that follow the real change (planDowntimeReschedule for the time a downtime covers,
 * openedDays + openedDaysInput + rescheduleForOpenedDays for the time it frees) on the calendar as it
 * would be, in a READ ONLY transaction under the bookings lock: nothing can be written, and the
 * bookings it reads are the ones the real reschedule would start from.
 */
@Injectable()
export class DowntimePreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
    private readonly cache: BookingCacheService,
  ) {}

  /** Declaring `downtime` (not yet a row). `at`: the instant to judge from (now; a bench replays a date in a planned year). */
  declare(downtime: Omit<PlannedDowntime, 'id'>, at = new Date()): Promise<DowntimeReschedulePreviewView> {
    return this.readOnly(at, async (m, now, center, live) => {
      const planned = { ...downtime, id: PREVIEW_DOWNTIME_ID };
      return this.reschedulePreview(m, { ...center, downtimes: [...center.downtimes, calendarEntry(planned)] }, live, planned, now);
    });
  }

  /** Changing the existing downtime `before` to `after` (after null: withdrawing it). */
  change(before: PlannedDowntime, after: PlannedDowntime | null): Promise<DowntimeChangePreviewView> {
    return this.readOnly(new Date(), async (m, now, center, live) => {
      const others = center.downtimes.filter((d) => d.id !== before.id);
      const changed: CenterConfig = { ...center, downtimes: after ? [...others, calendarEntry(after)] : others };
      const newlyCovered = after !== null && (after.start < before.start || after.end > before.end);
      const reschedule = newlyCovered ? await this.reschedulePreview(m, changed, live, after, now) : emptyReschedule(now);
      const why = after ? `downtime ${before.id} shortened` : `downtime ${before.id} withdrawn`;
      return { reschedule, opened: await this.openedPreview(m, changed, live, now, before, after, why) };
    });
  }

  private async readOnly<T>(now: Date, work: (m: EntityManager, now: Date, center: CenterConfig, live: Booking[]) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      await lockBookings(m);
      return work(m, now, await this.centerConfig.load(m), await this.cache.current(m, now));
    });
  }

  private async reschedulePreview(
    m: EntityManager,
    center: CenterConfig,
    live: Booking[],
    downtime: PlannedDowntime,
    now: Date,
  ): Promise<DowntimeReschedulePreviewView> {
    const plan = await planDowntimeReschedule(m, center, live, downtime, now, false);
    const hitIds = new Set(plan.hit.map((b) => b.id));
    const movedAway = new Set(plan.moves.flatMap((mv) => (mv.from && mv.bookingId ? [mv.bookingId] : [])));
    // The job's safety net cancels what the core left inside the downtime; the preview shows those too.
    const leftovers: Move[] = plan.hit
      .filter((b) => !movedAway.has(b.id!))
      .map((b) => ({
        bookingId: b.id,
        courseId: b.courseId,
        fraction: b.fraction,
        from: b,
        to: null,
        reason: `${plan.label}: no slot found, fraction cancelled`,
      }));
    const fractions = [...plan.moves, ...leftovers].map((mv) => fractionView(center, mv, hitIds)).sort(byCourseAndFraction);
    return {
      hit: plan.hit.length,
      moved: fractions.filter((f) => f.outcome === 'MOVED').length,
      cancelled: fractions.filter((f) => f.outcome === 'CANCELLED').length,
      fractions,
      courses: perCourse(fractions),
      unschedulable: plan.unschedulable,
      interrupted: plan.interrupted,
      at: now.toISOString(),
    };
  }

  /** What the opened-days reschedule would do with the days the change frees (the job's own input and core call). */
  private async openedPreview(
    m: EntityManager,
    after: CenterConfig,
    live: Booking[],
    now: Date,
    before: PlannedDowntime,
    changed: PlannedDowntime | null,
    why: string,
  ): Promise<OpenedDaysPreviewView> {
    const opened = await freedDays(m, after, before, changed, now, why);
    if (opened.length === 0) return { openedDays: [], coursesConcerned: 0, fractions: [], interrupted: [] };
    const input = await openedDaysInput(
      m,
      live,
      opened.map((o) => o.date),
    );
    const result = rescheduleForOpenedDays(after, input.bookings, input.courses, opened, now.toISOString());
    return {
      openedDays: opened.map((o) => o.date),
      coursesConcerned: result.concerned.length,
      fractions: result.moves.map((mv) => fractionView(after, mv, new Set())).sort(byCourseAndFraction),
      interrupted: result.interrupted,
    };
  }
}

function emptyReschedule(now: Date): DowntimeReschedulePreviewView {
  return { hit: 0, moved: 0, cancelled: 0, fractions: [], courses: [], unschedulable: [], interrupted: [], at: now.toISOString() };
}

function slot(center: CenterConfig, b: Booking | null): PreviewSlotView | null {
  if (!b) return null;
  const room = center.rooms.find((r) => r.id === b.roomId);
  return { roomId: b.roomId, roomName: room?.name ?? b.roomId, start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() };
}

/** Outcomes as applyMoves writes them: from+to relocates, only to books anew, only from cancels. */
function fractionView(center: CenterConfig, mv: Move, hitIds: Set<string | undefined>): PreviewFractionView {
  const outcome = mv.from && mv.bookingId ? (mv.to ? 'MOVED' : 'CANCELLED') : 'BOOKED';
  return {
    appointmentId: mv.bookingId ?? null,
    courseId: mv.courseId,
    fraction: mv.fraction,
    outcome,
    from: slot(center, mv.from),
    to: slot(center, mv.to),
    hit: mv.bookingId !== undefined && hitIds.has(mv.bookingId),
    reason: mv.reason,
  };
}

function byCourseAndFraction(a: PreviewFractionView, b: PreviewFractionView): number {
  return a.courseId.localeCompare(b.courseId) || a.fraction - b.fraction;
}

function perCourse(fractions: PreviewFractionView[]): PreviewCourseView[] {
  const by = new Map<string, PreviewCourseView>();
  for (const f of fractions) {
    const c = by.get(f.courseId) ?? { courseId: f.courseId, moved: 0, cancelled: 0 };
    if (f.outcome === 'CANCELLED') c.cancelled++;
    else c.moved++;
    by.set(f.courseId, c);
  }
  return [...by.values()];
}
