import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';

export const LOGIN_THROTTLE_WINDOW_MS = 60_000;
const DEFAULT_LOGIN_LIMIT = 10;

/**
 * LOGIN_RATE_LIMIT attempts per minute per IP (0 = off). Tests default to off because every test
 * file logs in from 127.0.0.1; a test of the limit sets it explicitly. The counters live in memory:
 * with several API processes the effective limit is per process (a Redis store would fix that).
 */
export function loginThrottleOptions(config: AppConfig): ThrottlerModuleOptions {
  const configured = config.get('LOGIN_RATE_LIMIT');
  const limit = configured ?? (config.get('NODE_ENV') === 'test' ? 0 : DEFAULT_LOGIN_LIMIT);
  return {
    throttlers: [{ name: 'login', ttl: LOGIN_THROTTLE_WINDOW_MS, limit: limit === 0 ? Number.MAX_SAFE_INTEGER : limit }],
  };
}
