import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from '../config/redis-connection';
import { JobRepository } from './job.repository';
import { ALL_QUEUES } from './queue-names';
import { ReconcilerService } from './reconciler.service';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobRepository, ReconcilerService],
  exports: [JobRepository, ReconcilerService, BullModule],
})
export class QueueModule {}
