import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockBookings } from '../database/booking-lock';
import { BookingCacheService } from '../appointments/booking-cache.service';
import { AuditService } from '../audit/audit.service';
import { OpenedDaysFollowUp, OpenedDaysRescheduleView, PendingOpenedDays } from '../calendar/opened-days-follow-up';
import { CenterConfigService } from '../center/center-config.service';
import { notFound } from '../common/problem';
import { Downtime } from './downtime.entity';
import { DowntimeRepository } from './downtime.repository';
import { DowntimeService } from './downtime.service';
import { toDowntimeView } from './views/downtime.view';
import { DowntimePreviewService } from './downtime-preview.service';
import { ChangedDowntimeView, DowntimeChangePreviewView } from './views/downtime-preview.view';
import { refuseDuplicate, requireEndAfterStart, requirePlausibleWindow } from './downtime-rules';
import { UpdateDowntimeDto } from './dto/update-downtime.dto';
import { PlannedDowntime } from './downtime-plan';
import { openedDaysInput } from '../calendar/opened-days-input';
import { coursesLeftOnOpenedDays } from '../scheduling';
import { freedDays } from './freed-days';
import { JOBS, jobId } from '../queue/jobs/job-catalog';

const planned = (d: Pick<Downtime, 'id' | 'roomId' | 'start' | 'end' | 'reason'>): PlannedDowntime => ({
  id: d.id,
  roomId: d.roomId,
  start: d.start,
  end: d.end,
  reason: d.reason,
});

/**
 * Shortening, extending and withdrawing a downtime. Time it newly covers is rescheduled by the downtime's
 * own job (a new attempt: the job moves whatever is booked in the new span); time it frees is handed to
 * the opened-days follow-up, exactly as when a closure is removed (days a booked course now leaves unused
 * get its last fraction pulled onto them). Both are decided under the bookings lock, in the change's
 * transaction, and enqueued after it commits.
 */
@Injectable()
export class DowntimeChangeService {
  private readonly logger = new Logger(DowntimeChangeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly downtimes: DowntimeRepository,
    private readonly declared: DowntimeService,
    private readonly center: CenterConfigService,
    private readonly openedDays: OpenedDaysFollowUp,
    private readonly previews: DowntimePreviewService,
    private readonly audit: AuditService,
    private readonly cache: BookingCacheService,
  ) {}

  async previewUpdate(id: string, dto: UpdateDowntimeDto): Promise<DowntimeChangePreviewView> {
    const row = await this.downtimes.findById(id);
    if (!row) throw notFound('Downtime', id);
    const next = await this.validatedChange(this.dataSource.manager, row, dto);
    return this.previews.change(planned(row), planned({ ...row, ...next }));
  }

  async previewWithdraw(id: string): Promise<DowntimeChangePreviewView> {
    const row = await this.downtimes.findById(id);
    if (!row) throw notFound('Downtime', id);
    return this.previews.change(planned(row), null);
  }

  async update(id: string, dto: UpdateDowntimeDto): Promise<ChangedDowntimeView> {
    const { row, extended, opened } = await this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const before = await this.lockRow(m, id);
      const next = await this.validatedChange(m, before, dto);
      await m.getRepository(Downtime).update({ id }, next);
      const extended = next.start < before.start || next.end > before.end;
      if (extended) await this.downtimes.retry(m, id);
      const opened = await this.assessFreed(m, planned(before), planned({ ...before, ...next }), `downtime ${id} shortened`);
      if (opened) await this.openedDays.record(m, opened);
      await this.audit.record(m, {
        action: 'downtime.update',
        entity: 'downtime',
        entityId: id,
        details: {
          before: { start: before.start.toISOString(), end: before.end.toISOString(), kind: before.kind, reason: before.reason },
          after: { start: next.start.toISOString(), end: next.end.toISOString(), kind: next.kind, reason: next.reason },
          rescheduled: extended,
          openedDays: opened?.data.opened.map((o) => o.date) ?? [],
        },
      });
      return { row: (await this.downtimes.findById(id, m))!, extended, opened };
    });
    const reschedule = extended
      ? { jobId: jobId(JOBS.rescheduleDowntime, { downtimeId: row.id, attempt: row.rescheduleAttempt }), queued: await this.declared.enqueueReschedule(row) }
      : null;
    if (reschedule && !reschedule.queued) this.logger.warn(`downtime ${id}: reschedule of the extension stays PENDING until the reconciler can enqueue it`);
    return { downtime: toDowntimeView(row), reschedule, opened: await this.enqueueOpened(opened) };
  }

  /** Null when the freed time opens no day under a booked course (the caller answers 204). */
  async withdraw(id: string): Promise<OpenedDaysRescheduleView | null> {
    const opened = await this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const row = await this.lockRow(m, id);
      await m.getRepository(Downtime).delete({ id });
      const opened = await this.assessFreed(m, planned(row), null, `downtime ${id} withdrawn`);
      if (opened) await this.openedDays.record(m, opened);
      await this.audit.record(m, {
        action: 'downtime.withdraw',
        entity: 'downtime',
        entityId: id,
        details: {
          roomId: row.roomId,
          start: row.start.toISOString(),
          end: row.end.toISOString(),
          kind: row.kind,
          reason: row.reason,
          openedDays: opened?.data.opened.map((o) => o.date) ?? [],
        },
      });
      return opened;
    });
    return this.enqueueOpened(opened);
  }

  /**
   * After the change is written (caller holds lockBookings): the days it frees and how many courses leave one
   * unused, as OpenedDaysFollowUp.assess works them out for a calendar change; null when none is concerned
   * a day. The job then runs the core on the calendar as it is by then.
   */
  private async assessFreed(m: EntityManager, before: PlannedDowntime, after: PlannedDowntime | null, why: string): Promise<PendingOpenedDays | null> {
    const now = new Date();
    const center = await this.center.load(m);
    const opened = await freedDays(m, center, before, after, now, why);
    if (opened.length === 0) return null;
    const input = await openedDaysInput(
      m,
      await this.cache.current(m, now),
      opened.map((o) => o.date),
    );
    const concerned = coursesLeftOnOpenedDays(center, input.bookings, input.courses, opened, now.toISOString());
    return { data: { changeId: randomUUID(), opened }, coursesConcerned: concerned.length };
  }

  private async enqueueOpened(opened: PendingOpenedDays | null): Promise<OpenedDaysRescheduleView | null> {
    return opened ? this.openedDays.enqueue(opened) : null;
  }

  private async lockRow(m: EntityManager, id: string): Promise<Downtime> {
    const row = await m.getRepository(Downtime).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('Downtime', id);
    return row;
  }

  /** The downtime after the change, checked as a declaration is (plausible dates, end after start, no exact twin). */
  private async validatedChange(m: EntityManager, row: Downtime, dto: UpdateDowntimeDto): Promise<Pick<Downtime, 'start' | 'end' | 'kind' | 'reason'>> {
    const next = {
      start: dto.start !== undefined ? new Date(dto.start) : row.start,
      end: dto.end !== undefined ? new Date(dto.end) : row.end,
      kind: dto.kind ?? row.kind,
      reason: dto.reason ?? row.reason,
    };
    requireEndAfterStart(next.start, next.end);
    const { timeZone } = await this.center.getSettings(m);
    requirePlausibleWindow(timeZone, next.start, next.end);
    await refuseDuplicate(m, { roomId: row.roomId, start: next.start, end: next.end }, row.id);
    return next;
  }
}
