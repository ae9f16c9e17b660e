import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer within 1000 ms')), 1000);
        }),
      ]);
      return reply === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${reply}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    } finally {
      // Otherwise every probe leaves a 1 s timer that keeps a stopping process (or a jest worker) alive.
      clearTimeout(timer);
    }
  }
}
