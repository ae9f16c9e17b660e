import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { BookingsModule } from '../appointments/bookings.module';
import { DowntimeRescheduleService } from './downtime-reschedule.service';
import { RescheduleProcessor } from './reschedule.processor';
import { OpenedDaysRescheduleService } from './opened-days-reschedule.service';

/** Worker side: re-books the fractions a downtime hits, and pulls fractions onto days a calendar change opened (listed in WORKER_MODULES). */
@Module({
  imports: [CenterModule, BookingsModule],
  providers: [DowntimeRescheduleService, OpenedDaysRescheduleService, RescheduleProcessor],
})
export class ReschedulingModule {}
