import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from '../config/redis-connection';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    // quit() waits for pending replies; disconnect() when Redis is already gone.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One ioredis client for the app's own use (health, idempotency); BullMQ manages its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const client = new Redis({ ...redisConnectionOptions(config.redisUrl), maxRetriesPerRequest: 1 });
        // Without a listener ioredis prints every failed reconnect; /health reports the outage instead.
        client.on('error', () => undefined);
        return client;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
