import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Downtime, RescheduleStatus } from './downtime.entity';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface DowntimeFilter {
  /** A date (from the start of that day in timeZone) or an instant. */
  from?: string;
  /** A date (inclusive: to the end of that day in timeZone) or an instant. */
  to?: string;
  roomId?: string;
  timeZone: string;
}

/**
 * Downtime persistence, shared with the reschedule processor and its reconciler (they own the
 * PENDING -> DONE/FAILED transition; markRescheduled/pending are here so the column stays ours).
 */
@Injectable()
export class DowntimeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<Downtime | null> {
    return m.getRepository(Downtime).findOneBy({ id });
  }

  insert(m: EntityManager, d: Pick<Downtime, 'roomId' | 'start' | 'end' | 'kind' | 'reason' | 'createdBy'>): Promise<Downtime> {
    const repo = m.getRepository(Downtime);
    return repo.save(repo.create({ ...d, rescheduleStatus: 'PENDING', rescheduleAttempt: 1 }));
  }

  /** Downtimes overlapping the range (either bound optional), by start. */
  list(filter: DowntimeFilter, m: EntityManager = this.dataSource.manager): Promise<Downtime[]> {
    const qb = m.getRepository(Downtime).createQueryBuilder('d').orderBy('d.start_at', 'ASC').addOrderBy('d.id', 'ASC');
    qb.setParameter('tz', filter.timeZone);
    if (filter.from) {
      const bound = DATE_ONLY.test(filter.from) ? `(CAST(:from AS date)::timestamp AT TIME ZONE :tz)` : 'CAST(:from AS timestamptz)';
      qb.andWhere(`d.end_at > ${bound}`, { from: filter.from });
    }
    if (filter.to) {
      const bound = DATE_ONLY.test(filter.to) ? `((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :tz)` : 'CAST(:to AS timestamptz)';
      qb.andWhere(`d.start_at < ${bound}`, { to: filter.to });
    }
    if (filter.roomId) qb.andWhere('(d.room_id = :roomId OR d.room_id IS NULL)', { roomId: filter.roomId });
    return qb.getMany();
  }

  /** Reschedules never finished (Redis was down at POST time, or the job was lost): for the reconciler. */
  pending(olderThanMs: number, m: EntityManager = this.dataSource.manager): Promise<Downtime[]> {
    return m
      .getRepository(Downtime)
      .createQueryBuilder('d')
      .where(`d.reschedule_status = 'PENDING'`)
      .andWhere(`d.created_at < now() - make_interval(secs => :secs)`, { secs: olderThanMs / 1000 })
      .orderBy('d.created_at', 'ASC')
      .getMany();
  }

  /** Called by the reschedule processor inside its own transaction when it finishes (or gives up). */
  async markRescheduled(m: EntityManager, id: string, status: Exclude<RescheduleStatus, 'PENDING'>, summary: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE downtimes SET reschedule_status = $2, rescheduled_at = now(), reschedule_summary = $3 WHERE id = $1`, [
      id,
      status,
      JSON.stringify(summary),
    ]);
  }

  /** Starts a new attempt (new job id) for a FAILED or lost reschedule; returns the new attempt number. */
  async retry(m: EntityManager, id: string): Promise<number> {
    const rows = (await m.query(
      `UPDATE downtimes SET reschedule_status = 'PENDING', reschedule_attempt = reschedule_attempt + 1 WHERE id = $1 RETURNING reschedule_attempt`,
      [id],
    )) as [Array<{ reschedule_attempt: number }>, number];
    return rows[0][0].reschedule_attempt;
  }
}
