/**
 * npx ts-node --transpile-only bench/quotas.ts — hold throughput on one quota row under contention.
 * Boots the real API (real PostgreSQL, real Redis) on a scratch database, grants one quota and fires
 * `--requests` POST /quotas/:id/reservations of one place each, `--concurrency` at a time, from the
 * KG ministry. Every hold serializes on the quota's row lock, so this is the worst case: one hot row.
 * Prints JSON: throughput, latency percentiles, 201/409 counts, and whether the counters still equal
 * the ledger sums. Options: --requests N (400) --concurrency C (32) --granted G (100, at most the year cap of 120).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { dropQueueKeys } from '../src/queue/drop-queue-keys';
import { numberArg } from './cli-args';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const requests = numberArg('requests', 400);
  const concurrency = numberArg('concurrency', 32);
  const granted = numberArg('granted', 100);
  const base = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  const dbUrl = `${base}/beamtime_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `bt-bench-${randomBytes(4).toString('hex')}`;
  await ensureDatabase(dbUrl);
  await runMigrations(dbUrl);
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    RECONCILER_ENABLED: 'false',
    LOGIN_RATE_LIMIT: '0',
  });
  // Imported after the environment is set: modules read it when the app boots.
  const { AppModule } = await import('../src/app.module');
  const { configureHttpApp } = await import('../src/http-app');
  const { UsersService } = await import('../src/users/users.service');
  const { JobRepository } = await import('../src/queue/job.repository');
  const { QUEUES } = await import('../src/queue/queue-names');

  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(AppModule.forRole('api'), { logger: false });
    configureHttpApp(app);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${address.port}/api/v1`;
    const password = 'bench-password-123';
    await app.get(UsersService).ensureDemoUsers(password);
    const login = async (username: string) => {
      const res = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
    };
    const admin = await login('admin');
    const kg = await login('ministry-kg');
    const quotaRes = await fetch(`${url}/quotas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ countryCode: 'KG', year: 2027, category: 'PEDIATRIC_ONCOHEMATOLOGY', granted }),
    });
    const quota = (await quotaRes.json()) as { id: string };
    if (quotaRes.status !== 201) throw new Error(`grant failed: ${quotaRes.status} ${JSON.stringify(quota)}`);

    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    const worker = async () => {
      while (next < requests) {
        next++;
        const t = performance.now();
        const res = await fetch(`${url}/quotas/${quota.id}/reservations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: kg },
          body: JSON.stringify({ count: 1 }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wallMs = performance.now() - t0;

    const [check] = await app.get(DataSource).query(
      `SELECT q.granted, q.reserved, q.used, sum(l.delta_reserved)::int AS ledger_reserved, count(l.*)::int AS ledger_rows
         FROM quotas q JOIN quota_ledger l ON l.quota_id = q.id WHERE q.id = $1 GROUP BY q.id`,
      [quota.id],
    );
    latencies.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    console.log(
      JSON.stringify(
        {
          bench: 'quota-holds',
          requests,
          concurrency,
          granted,
          wallMs: round(wallMs),
          requestsPerSecond: round((requests / wallMs) * 1000),
          latencyMs: {
            p50: round(percentile(latencies, 50)),
            p95: round(percentile(latencies, 95)),
            p99: round(percentile(latencies, 99)),
            max: round(latencies[latencies.length - 1]),
          },
          statuses,
          counters: { granted: check.granted, reserved: check.reserved, used: check.used },
          ledgerMatchesCounters: check.ledger_reserved === check.reserved,
          neverOverdrawn: check.reserved + check.used <= check.granted,
        },
        null,
        2,
      ),
    );
    await app.get(JobRepository).queue(QUEUES.quotaHolds).obliterate({ force: true });
  } finally {
    await app?.close();
    await dropDatabase(dbUrl);
    await dropQueueKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
  }
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
