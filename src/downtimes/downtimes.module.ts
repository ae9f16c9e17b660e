import { Module } from '@nestjs/common';
import { DowntimeRepository } from './downtime.repository';
import { DowntimeService } from './downtime.service';
import { DowntimesController } from './downtimes.controller';

/** Exports the repository and service so the reschedule processor and its reconciler can use them. */
@Module({
  controllers: [DowntimesController],
  providers: [DowntimeRepository, DowntimeService],
  exports: [DowntimeRepository, DowntimeService],
})
export class DowntimesModule {}

