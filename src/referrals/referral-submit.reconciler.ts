import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CourseService } from '../courses/course.service';
import { ReconcileCheck, ReconcilerService } from '../queue/reconciler.service';

/** A referral younger than this may still be between its commit and its submit. */
const GRACE_SECONDS = 60;
const BATCH = 100;

/**
 * POST /referrals commits the used place, patient and course, then submits the course in a second
 * transaction (CourseService.submit has no manager parameter). If the process dies or the database
 * fails in between, the referred course would sit in DRAFT with its place used; this check of the
 * reconciler submits such courses. A referred course is never meant to stay DRAFT.
 */
@Injectable()
export class ReferralSubmitReconciler implements ReconcileCheck, OnModuleInit {
  readonly name = 'referrals';
  private readonly logger = new Logger(ReferralSubmitReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CourseService,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(): Promise<{ submittedReferrals: number }> {
    return { submittedReferrals: await this.run() };
  }

  async run(graceSeconds = GRACE_SECONDS): Promise<number> {
    const stuck: Array<{ course_id: string }> = await this.dataSource.query(
      `SELECT r.course_id FROM referrals r JOIN courses c ON c.id = r.course_id
        WHERE r.status = 'ACTIVE' AND c.status = 'DRAFT' AND r.created_at < now() - make_interval(secs => $1)
        ORDER BY r.created_at LIMIT $2`,
      [graceSeconds, BATCH],
    );
    let submitted = 0;
    for (const { course_id } of stuck) {
      try {
        await this.courses.submit(course_id);
        submitted++;
      } catch (error) {
        this.logger.warn(`referred course ${course_id} still not submitted: ${(error as Error).message}`);
      }
    }
    if (submitted > 0) this.logger.log(`submitted ${submitted} referred course(s) left in DRAFT`);
    return submitted;
  }
}
