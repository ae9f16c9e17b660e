import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CourseCancelledEvent, CourseEvents } from '../courses/course-events.service';
import { courseHasStarted } from '../courses/course-started';
import { appendLedger } from '../quotas/quota-ledger';
import { lockQuota } from '../quotas/quota-lock';
import { Referral } from './referral.entity';

/**
 * SPEC §4: cancelling a referred course before its first fraction returns the place (RETURN:
 * used - 1), inside the cancel's transaction; `courseHasStarted` says when the place counts as used.
 */
@Injectable()
export class ReferralReturnListener implements OnModuleInit {
  constructor(
    private readonly events: CourseEvents,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.onCancelled((m, event) => this.onCourseCancelled(m, event));
  }

  async onCourseCancelled(m: EntityManager, { course, deliveredFractions }: CourseCancelledEvent): Promise<void> {
    if (!course.referralId || deliveredFractions > 0) return;
    if (await courseHasStarted(m, course.id)) return;
    const found = await m.getRepository(Referral).findOneBy({ id: course.referralId });
    if (!found || found.status !== 'ACTIVE') return;
    // Same lock order as every quota change: quota row, then the referral row.
    await lockQuota(m, found.quotaId);
    const referral = await m.getRepository(Referral).findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
    if (!referral || referral.status !== 'ACTIVE') return;
    await m.getRepository(Referral).update({ id: referral.id }, { status: 'RETURNED', returnedAt: new Date() });
    await appendLedger(m, { quotaId: referral.quotaId, kind: 'RETURN', deltaUsed: -1, reservationId: referral.reservationId, referralId: referral.id });
    await this.audit.record(m, {
      action: 'referral.return',
      entity: 'referral',
      entityId: referral.id,
      details: { courseId: course.id, quotaId: referral.quotaId },
    });
  }
}
