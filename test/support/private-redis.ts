import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { ALL_QUEUES } from '../../src/queue/queue-names';
import { REDIS_CLIENT } from '../../src/redis/redis.module';
import type { TestApp } from './test-app';

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something answers PING on the port (one short-lived socket, always closed). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * A redis-server of a test's own (to stop and start it without touching the shared one). `start()`
 * returns once it answers PING; `stop()` once the process has exited, so no child outlives the file.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    for (const deadline = Date.now() + 10_000; !(await answersPing(this.port)); await sleep(50)) {
      if (Date.now() > deadline || this.child !== child) throw new Error(`redis-server on port ${this.port} did not start`);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Waits until the app's own Redis client and every BullMQ queue connection are connected again
 * (after a test restarted Redis). Closing an ioredis client while it is still reconnecting leaves a
 * 2 s timer behind (ioredis' disconnectTimeout), which keeps the jest worker from exiting in time.
 */
export async function waitForAppRedis(t: TestApp, ms = 15_000): Promise<void> {
  const clients = async (): Promise<Array<{ status: string }>> => [
    t.app.get<Redis>(REDIS_CLIENT),
    ...(await Promise.all(ALL_QUEUES.map((name) => t.app.get<Queue>(getQueueToken(name), { strict: false }).backend.client))),
  ];
  for (const deadline = Date.now() + ms; ; await sleep(50)) {
    const notReady = (await clients()).filter((c) => c.status !== 'ready');
    if (notReady.length === 0) return;
    if (Date.now() > deadline) throw new Error(`Redis connections still not ready: ${notReady.map((c) => c.status).join(', ')}`);
  }
}
