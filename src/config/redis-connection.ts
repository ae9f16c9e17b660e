/** The subset of connection settings both ioredis and BullMQ understand. */
export interface RedisConnectionSettings {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  maxRetriesPerRequest: number | null;
  enableOfflineQueue: boolean;
  retryStrategy: (times: number) => number;
}

/** Turns REDIS_URL into ioredis options BullMQ accepts (BullMQ needs maxRetriesPerRequest: null for workers). */
export function redisConnectionOptions(redisUrl: string): RedisConnectionSettings {
  const url = new URL(redisUrl);
  const db = url.pathname && url.pathname !== '/' ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    // Keep retrying quietly: health reports the outage, and BullMQ resumes once Redis is back.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}
