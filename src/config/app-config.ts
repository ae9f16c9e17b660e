import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from './env.validation';

/** Typed access to validated settings, so no module reads process.env directly. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<Environment, true>) {}

  get<K extends keyof Environment>(key: K): Environment[K] {
    return this.config.get(key, { infer: true });
  }

  get databaseUrl(): string {
    return this.get('DATABASE_URL');
  }
  get redisUrl(): string {
    return this.get('REDIS_URL');
  }
  get queuePrefix(): string {
    return this.get('QUEUE_PREFIX');
  }
  get centerTimeZone(): string {
    return this.get('TZ_CENTER');
  }
  get jwtSecret(): string {
    return this.get('JWT_SECRET') as string;
  }
  get isDemo(): boolean {
    return this.get('NODE_ENV') === 'demo';
  }
}
