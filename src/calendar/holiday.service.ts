import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { conflict, notFound } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { calendarEntryWindow, requireDateWithin } from '../common/center-clock';
import { kzHolidays } from '../scheduling';
import { Closure } from './closure.entity';
import { ClosureRepository } from './closure.repository';
import { CreateClosureDto } from './dto/create-closure.dto';
import { lockBookings } from '../database/booking-lock';
import { strandedBookings } from './stranded-bookings';
import { OpenedDaysFollowUp, OpenedDaysRescheduleView, PendingOpenedDays } from './opened-days-follow-up';

export interface ClosedDay {
  date: string;
  name: string;
  /** HOLIDAY: a public holiday (or its transferred day off); CLOSURE: an administrator closure. */
  source: 'HOLIDAY' | 'CLOSURE';
  /** A day off moved from a holiday that fell on a weekend. */
  transfer?: boolean;
  closureId?: string;
}

@Injectable()
export class HolidayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly closures: ClosureRepository,
    private readonly center: CenterConfigService,
    private readonly audit: AuditService,
    private readonly opened: OpenedDaysFollowUp,
  ) {}

  /**
   * Dates of `year` the center is closed for a holiday or an administrator closure, minus the
   * decree-moved working days. Weekends are not listed: they follow from the operating hours.
   */
  async closedDays(year: number): Promise<ClosedDay[]> {
    const [settings, closures] = await Promise.all([this.center.getSettings(), this.closures.list(year)]);
    const opened = new Set(closures.filter((c) => c.kind === 'WORKING_DAY').map((c) => c.date));
    const byDate = new Map<string, ClosedDay>();
    if (settings.holidays === 'KZ') {
      for (const h of kzHolidays(year))
        if (!opened.has(h.date) && !byDate.has(h.date))
          byDate.set(h.date, { date: h.date, name: h.name, source: 'HOLIDAY', ...(h.transfer ? { transfer: true } : {}) });
    }
    for (const c of closures) {
      if (c.kind !== 'CLOSURE') continue;
      const holiday = byDate.get(c.date);
      if (holiday) holiday.closureId = c.id;
      else byDate.set(c.date, { date: c.date, name: c.reason || 'Closure', source: 'CLOSURE', closureId: c.id });
    }
    return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  listClosures(year?: number): Promise<Closure[]> {
    return this.closures.list(year);
  }

  /** A WORKING_DAY that opens a day under booked courses also answers what reschedule follows (`reschedule`). */
  async createClosure(dto: CreateClosureDto): Promise<Closure & { reschedule?: OpenedDaysRescheduleView }> {
    const kind = dto.kind ?? 'CLOSURE';
    let pending: PendingOpenedDays | null = null;
    const created = await this.dataSource.transaction(async (m) => {
      const window = calendarEntryWindow((await this.center.getSettings(m)).timeZone);
      requireDateWithin('date', dto.date, window, 'a closure is for last year, this year or the next two');
      const existing = await this.closures.findByDate(m, dto.date);
      if (existing) throw conflict('closure-exists', `${dto.date} already has a ${existing.kind} entry; delete it first`, { closureId: existing.id });
      if (kind === 'CLOSURE') await this.refuseIfBooked(m, dto.date);
      // Opening a day: no allocation may book between the look at the booked courses and commit.
      if (kind === 'WORKING_DAY') await lockBookings(m);
      const before = kind === 'WORKING_DAY' ? await this.center.load(m) : undefined;
      const actor = requestContext.actor() ?? SYSTEM_ACTOR;
      const closure = await this.closures.insert(m, { date: dto.date, kind, reason: dto.reason ?? '', createdBy: actor.username });
      await this.audit.record(m, {
        action: 'closure.create',
        entity: 'closure',
        entityId: closure.id,
        details: { date: closure.date, kind, reason: closure.reason },
      });
      // load() sees the insert (the trigger bumped the version).
      if (before) pending = await this.openedBy(m, before, withReason('decree working day', closure.reason));
      return closure;
    });
    return pending ? { ...created, reschedule: await this.opened.enqueue(pending) } : created;
  }

  private async openedBy(m: EntityManager, before: Awaited<ReturnType<CenterConfigService['load']>>, why: string): Promise<PendingOpenedDays | null> {
    const pending = await this.opened.assess(m, before, await this.center.load(m), why);
    if (pending) await this.opened.record(m, pending);
    return pending;
  }

  /** Removing a CLOSURE that opens a day under booked courses answers what reschedule follows; otherwise nothing. */
  async deleteClosure(id: string): Promise<OpenedDaysRescheduleView | null> {
    let pending: PendingOpenedDays | null = null;
    await this.dataSource.transaction(async (m) => {
      const closure = await this.closures.findById(m, id);
      if (!closure) throw notFound('Closure', id);
      await lockBookings(m);
      const before = closure.kind === 'CLOSURE' ? await this.center.load(m) : undefined;
      await this.closures.remove(m, closure);
      // Removing a decree working day closes that date again, unless it is open anyway (a weekday that
      // was never a holiday, a weekend day with hours of its own): refuse only when its booked
      // fractions no longer fit the calendar without the entry. load() sees the removal (the trigger bumped the version).
      if (closure.kind === 'WORKING_DAY') {
        const stranded = await strandedBookings(m, await this.center.load(m), { date: closure.date });
        if (stranded.count > 0) {
          throw conflict(
            'closure-has-bookings',
            `${closure.date} has ${stranded.count} booked fraction(s) that need this working day; declare a downtime over them first so they are rescheduled`,
            { bookedFractions: stranded.count, sample: stranded.sample },
          );
        }
      }
      await this.audit.record(m, {
        action: 'closure.delete',
        entity: 'closure',
        entityId: id,
        details: { date: closure.date, kind: closure.kind, reason: closure.reason },
      });
      if (before) pending = await this.openedBy(m, before, withReason('closure removed', closure.reason));
    });
    return pending ? this.opened.enqueue(pending) : null;
  }

  /**
   * Closing a day under booked fractions would leave them breaking rule 1 with nobody to move them.
   * Holding the bookings lock from the check to commit keeps an allocation from booking the day
   * in between (allocations take the lock before they read the calendar).
   */
  private async refuseIfBooked(m: EntityManager, date: string): Promise<void> {
    await lockBookings(m);
    const { timeZone } = await this.center.getSettings(m);
    const { booked, started } = await this.closures.bookingsOn(m, date, timeZone);
    if (booked > 0) {
      // A downtime reschedules only what is still ahead: fractions of a past day wait for their record instead.
      const how =
        started === 0
          ? 'declare a downtime over it first so they are rescheduled'
          : started === booked
            ? 'they have started, so record them first (deliver or miss: a missed one is given again after the course)'
            : `record the ${started} that have started first (deliver or miss), and declare a downtime over the day so the rest are rescheduled`;
      throw conflict('closure-has-bookings', `${date} has ${booked} booked fraction(s); ${how}`, { bookedFractions: booked, startedFractions: started });
    }
  }
}

function withReason(what: string, reason: string): string {
  return reason ? `${what}: ${reason}` : what;
}
