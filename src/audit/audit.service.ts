import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  /** Verb in `entity.verb` form, e.g. `course.submit`, `quota.grant`. */
  action: string;
  /** Table-ish name of what changed, e.g. `course`, `quota`. */
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
  /** Overrides the request's actor (rarely needed: workers and CLIs default to SYSTEM). */
  actor?: Actor;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  /** Username of the actor. */
  actor?: string;
  /** An action ('downtime.create'), or a prefix ending in '.' ('downtime.') for all of an entity's. */
  action?: string;
  /** Instants: from inclusive, to exclusive. */
  from?: Date;
  to?: Date;
  limit: number;
  offset?: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes through the caller's manager so the audit row commits or rolls back with the change
   * it describes. Who and which request come from the request context (SYSTEM outside requests).
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const actor = entry.actor ?? requestContext.actor() ?? SYSTEM_ACTOR;
    await manager.query(
      `INSERT INTO audit_log (user_id, username, role, country_code, action, entity, entity_id, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.userId,
        actor.username,
        actor.role,
        actor.countryCode,
        entry.action,
        entry.entity,
        entry.entityId,
        requestContext.requestId() ?? null,
        entry.details === undefined ? null : JSON.stringify(entry.details),
      ],
    );
  }

  find(query: AuditQuery): Promise<AuditLog[]> {
    const qb = this.dataSource
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .limit(query.limit)
      .offset(query.offset ?? 0);
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) qb.andWhere('a.username = :actor', { actor: query.actor });
    if (query.action?.endsWith('.')) qb.andWhere('starts_with(a.action, :action)', { action: query.action });
    else if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    return qb.getMany();
  }
}
