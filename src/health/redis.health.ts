import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';
import { withTimeout } from '../common/with-timeout';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const reply = await withTimeout(this.redis.ping(), 1000, 'no answer within 1000 ms');
      return reply === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${String(reply)}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
