import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { ReferralSubmitReconciler } from '../referrals/referral-submit.reconciler';
import { HoldExpiryProcessor } from './hold-expiry.processor';
import { ReservationsService } from './reservations.service';

/** Worker side: hold expiry jobs and the overdue-hold sweep (listed in WORKER_MODULES). */
@Module({ imports: [CoursesModule], providers: [ReservationsService, ReferralSubmitReconciler, HoldExpiryProcessor] })
export class QuotaHoldsWorkerModule {}
