import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { BookingsModule } from '../appointments/bookings.module';
import { CoursesModule } from '../courses/courses.module';
import { AllocateProcessor } from './allocate.processor';
import { AllocationService } from './allocation.service';
import { ReconcileProcessor } from './reconcile.processor';
import { ReconcileService } from './reconcile.service';

/** Worker side: the allocation processor and the reconciler (listed in WORKER_MODULES). */
@Module({
  imports: [CenterModule, BookingsModule, CoursesModule],
  providers: [AllocationService, AllocateProcessor, ReconcileService, ReconcileProcessor],
})
export class AllocationModule {}
