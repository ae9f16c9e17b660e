import { Module } from '@nestjs/common';
import { ForecastDataService } from './forecast-data.service';
import { ForecastProcessor } from './forecast.processor';
import { ForecastRunnerService } from './forecast-runner.service';

/** The forecast queue's processor; listed in WORKER_MODULES. */
@Module({
  providers: [ForecastProcessor, ForecastRunnerService, ForecastDataService],
  exports: [ForecastRunnerService],
})
export class ForecastsWorkerModule {}
