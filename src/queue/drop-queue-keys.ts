import Redis from 'ioredis';

/** Deletes every BullMQ key under a prefix: throwaway prefixes of tests and benchmarks, never the service's own. */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Best effort: a test that stopped its Redis on purpose must not fail its teardown here.
  } finally {
    redis.disconnect();
  }
}
