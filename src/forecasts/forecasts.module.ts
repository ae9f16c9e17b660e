import { Module } from '@nestjs/common';
import { ForecastsController } from './forecasts.controller';
import { ForecastJobs } from './forecast-jobs';
import { ForecastsService } from './forecasts.service';

/** HTTP side of forecasts: create, poll, chart. The simulation runs in ForecastsWorkerModule. */
@Module({
  controllers: [ForecastsController],
  providers: [ForecastsService, ForecastJobs],
})
export class ForecastsModule {}
