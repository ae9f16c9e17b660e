import { Module } from '@nestjs/common';
import { BookingsModule } from '../appointments/bookings.module';
import { CenterModule } from '../center/center.module';
import { CoursesModule } from '../courses/courses.module';
import { AllocateProcessor } from './allocation/allocate.processor';
import { AllocationService } from './allocation/allocation.service';
import { CompactionService } from './allocation/compaction.service';
import { MaintenanceProcessor } from './maintenance.processor';
import { BookingsReconcileCheck } from './bookings-reconcile.check';
import { DowntimeRescheduleService } from './rescheduling/downtime-reschedule.service';
import { OpenedDaysRescheduleService } from './rescheduling/opened-days-reschedule.service';
import { RescheduleProcessor } from './rescheduling/reschedule.processor';
import { RescheduleTransaction } from './rescheduling/reschedule-transaction';

/**
 * Worker side of bookings (listed in WORKER_MODULES): allocation of submitted courses, the reschedules
 * that follow a downtime or a calendar change opening days, early starts, and their processors.
 */
@Module({
  imports: [CenterModule, BookingsModule, CoursesModule],
  providers: [
    AllocationService,
    CompactionService,
    AllocateProcessor,
    RescheduleTransaction,
    DowntimeRescheduleService,
    OpenedDaysRescheduleService,
    RescheduleProcessor,
    BookingsReconcileCheck,
    MaintenanceProcessor,
  ],
})
export class BookingsWorkerModule {}
