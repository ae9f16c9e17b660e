import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { PatientsModule } from '../patients/patients.module';
import { QuotasModule } from '../quotas/quotas.module';
import { ReferralReturnListener } from './referral-return.listener';
import { ReferralSubmitReconciler } from './referral-submit.reconciler';
import { ReferralsController } from './referrals.controller';
import { ReferralFollowUpController } from './referral-follow-up.controller';
import { ReferralsService } from './referrals.service';

/** Referrals (listed in API_MODULES); also returns a place when a referred course is cancelled early. */
@Module({
  imports: [QuotasModule, PatientsModule, CoursesModule],
  controllers: [ReferralsController, ReferralFollowUpController],
  providers: [ReferralsService, ReferralReturnListener, ReferralSubmitReconciler],
  exports: [ReferralsService],
})
export class ReferralsModule {}
