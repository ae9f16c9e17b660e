import { Module } from '@nestjs/common';
import { ForecastDataService } from '../forecasts/forecast-data.service';
import { CapacityController } from './capacity.controller';
import { CapacityService } from './capacity.service';

@Module({
  controllers: [CapacityController],
  providers: [CapacityService, ForecastDataService],
})
export class CapacityModule {}
