import { Global, Module } from '@nestjs/common';
import { CenterConfigService } from './center-config.service';
import { CenterSeedService } from './center-seed.service';

/**
 * Global so the allocation worker, the rescheduler, capacity and forecasts can all inject
 * CenterConfigService. Listed in API_MODULES, which AppModule loads for every role (workers too).
 */
@Global()
@Module({
  providers: [CenterConfigService, CenterSeedService],
  exports: [CenterConfigService, CenterSeedService],
})
export class CenterModule {}
