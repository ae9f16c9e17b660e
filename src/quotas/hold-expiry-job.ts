import type { JobRepository } from '../queue/job.repository';
import { QUEUES } from '../queue/queue-names';

export const EXPIRE_HOLD_JOB = 'expire-hold';
export const SWEEP_HOLDS_JOB = 'sweep-expired-holds';
export const SWEEP_HOLDS_SCHEDULER_ID = 'sweep-expired-holds-every';

export interface ExpireHoldJobData {
  reservationId: string;
}

/**
 * One job per reservation (a hold is never extended, so its id needs no version). '-' not ':'
 * because BullMQ rejects custom ids with ':' unless they split into exactly three parts.
 */
export function expireHoldJobId(reservationId: string): string {
  return `expire-hold-${reservationId}`;
}

/** A delayed job that fires at `expiresAt`; false when Redis is down (the sweep catches it then). */
export function enqueueHoldExpiry(jobs: JobRepository, reservationId: string, expiresAt: Date): Promise<boolean> {
  const delay = Math.max(0, expiresAt.getTime() - Date.now());
  return jobs.enqueue<ExpireHoldJobData>(QUEUES.quotaHolds, EXPIRE_HOLD_JOB, { reservationId }, expireHoldJobId(reservationId), {
    delay,
    removeOnComplete: { age: 3600, count: 1000 },
  });
}
