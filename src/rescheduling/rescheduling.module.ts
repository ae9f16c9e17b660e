import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { BookingsModule } from '../appointments/bookings.module';
import { DowntimeRescheduleService } from './downtime-reschedule.service';
import { RescheduleProcessor } from './reschedule.processor';

/** Worker side: re-books the fractions a downtime hits (listed in WORKER_MODULES). */
@Module({
  imports: [CenterModule, BookingsModule],
  providers: [DowntimeRescheduleService, RescheduleProcessor],
})
export class ReschedulingModule {}
