import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxRelay } from './outbox-relay.service';

/**
 * Runs the relay in worker processes every NOTIFY_RELAY_EVERY_MS. A timer of its own, not a BullMQ job:
 * the relay reads and writes only PostgreSQL, so it keeps turning events into notices while Redis is
 * down (their jobs then wait for the reconciler).
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayRunner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastError = '';

  constructor(
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.get('NOTIFY_RELAY_EVERY_MS'));
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running || !this.timer) return;
    this.running = (async () => {
      try {
        await this.relay.recordExpiringHolds();
        await this.relay.dispatch();
        this.lastError = '';
      } catch (error) {
        // Once per kind of failure (a database outage would otherwise log every second).
        const message = (error as Error).message;
        if (message !== this.lastError) this.logger.warn(`outbox relay pass failed: ${message}`);
        this.lastError = message;
      } finally {
        this.running = null;
      }
    })();
  }
}
