import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { isCalendarDate } from '../common/instant';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { JobRepository } from '../queue/job.repository';
import { QUEUES } from '../queue/queue-names';
import { Room } from '../rooms/room.entity';
import { parseDate } from '../scheduling/time/civil-day';
import { localMidnight } from '../scheduling/time/zone';
import { CreateDowntimeDto } from './create-downtime.dto';
import { Downtime } from './downtime.entity';
import { DowntimeRepository } from './downtime.repository';
import { CreatedDowntimeView, DowntimeView, toDowntimeView } from './downtime.view';
import { RESCHEDULE_DOWNTIME_JOB, RescheduleDowntimeJobData, rescheduleDowntimeJobId } from './reschedule-downtime-job';
import { ListDowntimesDto } from './list-downtimes.dto';
import { DowntimePreviewService } from './downtime-preview.service';
import { DowntimeReschedulePreviewView } from './downtime-preview.view';
import { refuseDuplicate, requirePlausibleWindow } from './downtime-rules';

/** Where a list bound falls: a date covers its whole day in the center's zone, an instant is itself. */
function rangeBoundMs(value: string, timeZone: string, side: 'start' | 'end'): number {
  if (!isCalendarDate(value)) return Date.parse(value);
  const day = parseDate(value) + (side === 'end' ? 1 : 0);
  return localMidnight(timeZone, day) * 60_000;
}

/** Instants go to PostgreSQL as JS read them, so the range check above and the query agree. */
function asBound(value: string | undefined): string | undefined {
  return value === undefined || isCalendarDate(value) ? value : new Date(value).toISOString();
}

@Injectable()
export class DowntimeService {
  private readonly logger = new Logger(DowntimeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly downtimes: DowntimeRepository,
    private readonly center: CenterConfigService,
    private readonly jobs: JobRepository,
    private readonly audit: AuditService,
    private readonly previews: DowntimePreviewService,
  ) {}

  async list(query: ListDowntimesDto): Promise<DowntimeView[]> {
    const { timeZone } = await this.center.getSettings();
    if (query.from !== undefined && query.to !== undefined) {
      // An inverted range used to answer 200 [], which reads as "no downtime"; /appointments and /capacity answer 400.
      const from = rangeBoundMs(query.from, timeZone, 'start');
      const to = rangeBoundMs(query.to, timeZone, 'end');
      if (!(to > from)) {
        const message = 'to must be after from (a to date counts its whole day)';
        throw badRequest('invalid-range', `The range is empty: ${message}`, { errors: [{ field: 'to', messages: [message] }] });
      }
    }
    const rows = await this.downtimes.list({ from: asBound(query.from), to: asBound(query.to), roomId: query.roomId, timeZone });
    return rows.map(toDowntimeView);
  }

  async get(id: string): Promise<DowntimeView> {
    const row = await this.downtimes.findById(id);
    if (!row) throw notFound('Downtime', id);
    return toDowntimeView(row);
  }

  /**
   * Writes the downtime (reschedule PENDING) and its audit row first, then enqueues the reschedule.
   * If Redis is down the downtime still stands — it already blocks new allocations — and the
   * reconciler enqueues the PENDING reschedule later, so the caller gets 201 with queued: false.
   */
  async create(dto: CreateDowntimeDto): Promise<CreatedDowntimeView> {
    const actor = requestContext.actor() ?? SYSTEM_ACTOR;
    const downtime = await this.dataSource.transaction(async (m) => {
      await this.requireDeclarable(m, dto);
      await refuseDuplicate(m, { roomId: dto.roomId ?? null, start: new Date(dto.start), end: new Date(dto.end) });
      const row = await this.downtimes.insert(m, {
        roomId: dto.roomId ?? null,
        start: new Date(dto.start),
        end: new Date(dto.end),
        kind: dto.kind,
        reason: dto.reason ?? '',
        createdBy: actor.username,
      });
      await this.audit.record(m, {
        action: 'downtime.create',
        entity: 'downtime',
        entityId: row.id,
        details: { roomId: row.roomId, start: row.start.toISOString(), end: row.end.toISOString(), kind: row.kind, reason: row.reason },
      });
      return row;
    });
    const queued = await this.enqueueReschedule(downtime);
    if (!queued) this.logger.warn(`downtime ${downtime.id}: reschedule stays PENDING until the reconciler can enqueue it`);
    return { ...toDowntimeView(downtime), queued };
  }

  /** What declaring `dto` would move or cancel, computed as the reschedule will and written nowhere. */
  async preview(dto: CreateDowntimeDto): Promise<DowntimeReschedulePreviewView> {
    await this.requireDeclarable(this.dataSource.manager, dto);
    return this.previews.declare({ roomId: dto.roomId ?? null, start: new Date(dto.start), end: new Date(dto.end), reason: dto.reason ?? '' });
  }

  /** The checks a declaration passes before anything is written (shared by the preview). */
  private async requireDeclarable(m: EntityManager, dto: CreateDowntimeDto): Promise<void> {
    const { timeZone } = await this.center.getSettings(m);
    requirePlausibleWindow(timeZone, new Date(dto.start), new Date(dto.end));
    if (dto.roomId) {
      const room = await m.getRepository(Room).findOneBy({ id: dto.roomId });
      if (!room) throw unprocessable('unknown-room', `Room ${dto.roomId} does not exist`, { roomId: dto.roomId, field: 'roomId' });
    }
  }

  /**
   * Starts a new reschedule attempt for a FAILED one (new attempt number, so a new job id that
   * BullMQ will not swallow). PENDING and DONE downtimes answer 409: one is running, one is done.
   */
  async retryReschedule(id: string): Promise<CreatedDowntimeView> {
    const downtime = await this.dataSource.transaction(async (m) => {
      const row = await m.getRepository(Downtime).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('Downtime', id);
      if (row.rescheduleStatus !== 'FAILED') {
        throw conflict('reschedule-not-failed', `The reschedule of downtime ${id} is ${row.rescheduleStatus}; only a FAILED one can be retried`, {
          rescheduleStatus: row.rescheduleStatus,
        });
      }
      const attempt = await this.downtimes.retry(m, id);
      await this.audit.record(m, { action: 'downtime.reschedule-retry', entity: 'downtime', entityId: id, details: { attempt } });
      return (await this.downtimes.findById(id, m))!;
    });
    return { ...toDowntimeView(downtime), queued: await this.enqueueReschedule(downtime) };
  }

  /** Idempotent: the job id is fixed per downtime and attempt. Also what a reconciler calls. */
  enqueueReschedule(downtime: Pick<Downtime, 'id' | 'rescheduleAttempt'>): Promise<boolean> {
    const data: RescheduleDowntimeJobData = { downtimeId: downtime.id, attempt: downtime.rescheduleAttempt };
    return this.jobs.enqueue(QUEUES.reschedule, RESCHEDULE_DOWNTIME_JOB, data, rescheduleDowntimeJobId(downtime.id, downtime.rescheduleAttempt));
  }
}
