import { Logger } from '@nestjs/common';

/**
 * A BullMQ queue or worker without an 'error' listener prints every failed reconnect raw; during a
 * Redis outage that is a flood. Report at most once a minute per listener (health shows the outage).
 */
export class OutageLog {
  private last = 0;
  constructor(
    private readonly logger: Logger,
    private readonly source = 'worker',
  ) {}

  report(error: Error): void {
    const now = Date.now();
    if (now - this.last < 60_000) return;
    this.last = now;
    this.logger.warn(`${this.source}: ${error.message}`);
  }
}
