import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { countryScope } from '../auth/country-scope';
import { conflict, notFound } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { DEFAULT_PAGE_LIMIT } from '../common/page-query.dto';
import { AppConfig } from '../config/app-config';
import { JobRepository } from '../queue/job.repository';
import { CreateReservationDto } from './create-reservation.dto';
import { enqueueHoldExpiry } from './hold-expiry-job';
import { ListReservationsDto } from './list-reservations.dto';
import { appendLedger } from './quota-ledger';
import { lockQuota } from './quota-lock';
import { requireOpenQuotaYear } from './quota-year';
import { QuotaReservation } from './quota-reservation.entity';
import { Quota } from './quota.entity';
import { ReservationView, toReservationView } from './reservation.view';

const DEFAULT_HOLD_DAYS = 14;
/** How many overdue holds one sweep expires; the next sweep takes the rest. */
const SWEEP_BATCH = 200;

export type ExpireOutcome = { outcome: 'expired'; places: number } | { outcome: 'not-due'; expiresAt: Date } | { outcome: 'closed' };

@Injectable()
export class ReservationsService {
  private readonly logger = new Logger(ReservationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
    private readonly center: CenterConfigService,
  ) {}

  /**
   * Holds places under the quota's row lock: concurrent requests queue on the lock and each sees
   * the counters the previous one committed, so the sum of holds can never pass `granted`
   * (and if this code were wrong, the quota's CHECK would still refuse the ledger insert).
   */
  async reserve(quotaId: string, dto: CreateReservationDto): Promise<ReservationView> {
    const holdDays = dto.holdDays ?? DEFAULT_HOLD_DAYS;
    const reservation = await this.dataSource.transaction((m) => this.holdPlaces(m, quotaId, dto.count, holdDays));
    // After commit: a job for a rolled-back hold would be noise. If Redis is down the sweep expires it.
    await enqueueHoldExpiry(this.jobs, reservation.id, reservation.expiresAt);
    return toReservationView(reservation);
  }

  /**
   * Holds `count` places of the quota in the caller's transaction (the quota's row lock first). Shared by
   * POST /quotas/:id/reservations and the one-step referral, which holds one place and uses it at once.
   */
  async holdPlaces(m: EntityManager, quotaId: string, count: number, holdDays: number): Promise<QuotaReservation> {
    let quota = await lockQuota(m, quotaId);
    requireOpenQuotaYear(quota.year, (await this.center.getSettings(m)).timeZone, 'its places can no longer be held');
    let available = quota.granted - quota.reserved - quota.used;
    // Places of holds past expiresAt have returned, whether or not their expiry job has run yet.
    if (count > available && (await this.expireDueHolds(m, quotaId)) > 0) {
      quota = await m.getRepository(Quota).findOneByOrFail({ id: quotaId });
      available = quota.granted - quota.reserved - quota.used;
    }
    if (count > available) {
      throw conflict('not-enough-places', `Only ${available} place(s) of quota ${quotaId} are available; ${count} requested`, {
        available,
        requested: count,
      });
    }
    const actor = requestContext.actor() ?? SYSTEM_ACTOR;
    const repo = m.getRepository(QuotaReservation);
    const saved = await repo.save(
      repo.create({
        quotaId,
        countryCode: quota.countryCode,
        count,
        remaining: count,
        status: 'HELD',
        holdDays,
        expiresAt: new Date(Date.now() + holdDays * this.config.get('QUOTA_HOLD_UNIT_SECONDS') * 1000),
        createdBy: actor.username,
        closedAt: null,
      }),
    );
    await appendLedger(m, { quotaId, kind: 'RESERVE', deltaReserved: count, reservationId: saved.id });
    await this.audit.record(m, { action: 'reservation.create', entity: 'quota_reservation', entityId: saved.id, details: { quotaId, count, holdDays } });
    return saved;
  }

  async list(query: ListReservationsDto): Promise<ReservationView[]> {
    const qb = this.dataSource.getRepository(QuotaReservation).createQueryBuilder('r').orderBy('r.created_at', 'DESC').addOrderBy('r.id');
    qb.limit(query.limit ?? DEFAULT_PAGE_LIMIT).offset(query.offset ?? 0);
    const scope = countryScope();
    if (scope) qb.andWhere('r.country_code = :scope', { scope });
    if (query.quotaId) qb.andWhere('r.quota_id = :quotaId', { quotaId: query.quotaId });
    if (query.countryCode) qb.andWhere('r.country_code = :cc', { cc: query.countryCode });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    return (await qb.getMany()).map(toReservationView);
  }

  async get(id: string): Promise<ReservationView> {
    return toReservationView(await this.findScoped(this.dataSource.manager, id));
  }

  /**
   * Lets the unused places go now (RELEASE); 409 when the hold is no longer HELD. A hold past its
   * expiresAt is no longer held either, even when its expiry job has not run yet: its places
   * returned at expiresAt, so it is expired here (EXPIRE, as the job would have) and the answer is
   * 409 reservation-expired, not a RELEASE that dates the return to now and credits it to the caller.
   */
  async release(id: string): Promise<ReservationView> {
    const outcome = await this.dataSource.transaction(async (m): Promise<{ released: ReservationView } | { expiredAt: Date }> => {
      const r = await this.lockHeld(m, id);
      if (await isDue(m, r.expiresAt)) {
        await this.expireLocked(m, r);
        return { expiredAt: r.expiresAt };
      }
      const places = r.remaining;
      await this.close(m, r, 'RELEASED');
      await appendLedger(m, { quotaId: r.quotaId, kind: 'RELEASE', deltaReserved: -places, reservationId: r.id });
      await this.audit.record(m, { action: 'reservation.release', entity: 'quota_reservation', entityId: r.id, details: { places } });
      return { released: toReservationView(r) };
    });
    if ('released' in outcome) return outcome.released;
    throw conflict('reservation-expired', `Reservation ${id} expired at ${new Date(outcome.expiredAt).toISOString()}; its places have returned to the quota`, {
      reservationStatus: 'EXPIRED',
    });
  }

  /** Called by the delayed job and the sweep (SYSTEM actor). Idempotent: a closed hold stays as it is. */
  async expire(id: string): Promise<ExpireOutcome> {
    return this.dataSource.transaction(async (m) => {
      const found = await m.getRepository(QuotaReservation).findOneBy({ id });
      if (!found || found.status !== 'HELD') return { outcome: 'closed' } as const;
      await lockQuota(m, found.quotaId);
      const r = await m.getRepository(QuotaReservation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r || r.status !== 'HELD') return { outcome: 'closed' } as const;
      if (!(await isDue(m, r.expiresAt))) return { outcome: 'not-due', expiresAt: r.expiresAt } as const;
      return { outcome: 'expired', places: await this.expireLocked(m, r) } as const;
    });
  }

  /** The safety net: expires every overdue hold, whether or not its delayed job still exists. */
  async expireOverdue(): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM quota_reservations WHERE status = 'HELD' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [SWEEP_BATCH],
    );
    let expired = 0;
    for (const { id } of due) if ((await this.expire(id)).outcome === 'expired') expired++;
    if (expired > 0) this.logger.log(`expired ${expired} overdue hold(s) whose delayed job had not run`);
    return expired;
  }

  /**
   * Takes one place of a held reservation for a referral (USE: reserved - 1, used + 1), in the
   * referral's transaction. 409 when the hold expired, was released or is used up.
   */
  async useOnePlace(m: EntityManager, reservationId: string, referralId: string): Promise<QuotaReservation> {
    const r = await this.lockHeld(m, reservationId);
    if (await isDue(m, r.expiresAt)) {
      throw conflict('reservation-expired', `Reservation ${reservationId} expired at ${new Date(r.expiresAt).toISOString()}`, {
        reservationStatus: 'EXPIRED',
      });
    }
    r.remaining -= 1;
    if (r.remaining === 0) {
      r.status = 'EXHAUSTED';
      r.closedAt = new Date();
    }
    await m.getRepository(QuotaReservation).update({ id: r.id }, { remaining: r.remaining, status: r.status, closedAt: r.closedAt });
    await appendLedger(m, { quotaId: r.quotaId, kind: 'USE', deltaReserved: -1, deltaUsed: 1, reservationId: r.id, referralId });
    return r;
  }

  /** Quota row first, then the reservation row: the same lock order as every other quota change. */
  private async lockHeld(m: EntityManager, id: string): Promise<QuotaReservation> {
    const found = await this.findScoped(m, id);
    await lockQuota(m, found.quotaId);
    const r = await m.getRepository(QuotaReservation).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (r.status !== 'HELD') {
      throw conflict('reservation-not-held', `Reservation ${id} is ${r.status}`, { reservationStatus: r.status });
    }
    return r;
  }

  private async findScoped(m: EntityManager, id: string): Promise<QuotaReservation> {
    const scope = countryScope();
    const r = await m.getRepository(QuotaReservation).findOneBy(scope ? { id, countryCode: scope } : { id });
    if (!r) throw notFound('Reservation', id);
    return r;
  }

  /** Expires the quota's holds that are past expiresAt; the caller holds the quota's lock. Returns the places freed. */
  async expireDueHolds(m: EntityManager, quotaId: string): Promise<number> {
    const due = await m
      .getRepository(QuotaReservation)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where(`r.quota_id = :quotaId AND r.status = 'HELD' AND r.expires_at <= now()`, { quotaId })
      .orderBy('r.expires_at')
      .getMany();
    let places = 0;
    for (const r of due) places += await this.expireLocked(m, r);
    return places;
  }

  /** Caller holds the quota and reservation locks and has seen the hold HELD and due. */
  private async expireLocked(m: EntityManager, r: QuotaReservation): Promise<number> {
    const places = r.remaining;
    await this.close(m, r, 'EXPIRED');
    await appendLedger(m, { quotaId: r.quotaId, kind: 'EXPIRE', deltaReserved: -places, reservationId: r.id });
    await this.audit.record(m, { action: 'reservation.expire', entity: 'quota_reservation', entityId: r.id, details: { places } });
    return places;
  }

  private async close(m: EntityManager, r: QuotaReservation, status: 'RELEASED' | 'EXPIRED'): Promise<void> {
    r.status = status;
    r.remaining = 0;
    r.closedAt = new Date();
    await m.getRepository(QuotaReservation).update({ id: r.id }, { status, remaining: 0, closedAt: r.closedAt });
  }
}

/** Whether a hold's expiresAt has come, by the database clock (one clock for every host). */
async function isDue(m: EntityManager, expiresAt: Date): Promise<boolean> {
  const [{ due }]: Array<{ due: boolean }> = await m.query('SELECT $1::timestamptz <= now() AS due', [expiresAt]);
  return due;
}
