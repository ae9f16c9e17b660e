import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from '../config/redis-connection';
import { DatabaseGate } from './database-gate';
import { JobRepository } from './job.repository';
import { ALL_QUEUES } from './queue-names';
import { ReconcilerService } from './reconciler.service';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobRepository, ReconcilerService, DatabaseGate],
  exports: [JobRepository, ReconcilerService, DatabaseGate, BullModule],
})
export class QueueModule {}
