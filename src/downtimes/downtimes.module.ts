import { Module } from '@nestjs/common';
import { BookingsModule } from '../appointments/bookings.module';
import { OpenedDaysFollowUp } from '../calendar/opened-days-follow-up';
import { DowntimeChangeService } from './downtime-change.service';
import { DowntimePreviewService } from './downtime-preview.service';
import { DowntimeRepository } from './downtime.repository';
import { DowntimeService } from './downtime.service';
import { DowntimesController } from './downtimes.controller';

/** Exports the repository and service so the reschedule processor and its reconciler can use them. */
@Module({
  imports: [BookingsModule],
  controllers: [DowntimesController],
  // OpenedDaysFollowUp is stateless: a shortened or withdrawn downtime opens days as a removed closure does.
  providers: [DowntimeRepository, DowntimeService, DowntimePreviewService, DowntimeChangeService, OpenedDaysFollowUp],
  exports: [DowntimeRepository, DowntimeService],
})
export class DowntimesModule {}
