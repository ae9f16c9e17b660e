import type { JobsOptions } from 'bullmq';
import type { OpenedDay } from '../../scheduling';
import { QUEUES, QueueName } from '../queue-names';

/**
 * Every BullMQ job of the service: its name, queue, payload, id and options, in one place.
 *
 * Ids are `<prefix>-<entity id>-<version>`, always with a version (a submission number, an attempt, 1
 * where there is only ever one job per row): BullMQ keeps a finished job's id and silently drops a new
 * job under it (taskforcesh/bullmq#3206), so a resubmission or a retry after a failure needs a new id,
 * while a duplicate enqueue of the same one must be dropped. '-', not ':', because BullMQ refuses custom
 * ids containing ':' unless they split into exactly three parts.
 *
 * Changing an id's shape is safe: a job still in Redis under an older id is found by no lookup, and the
 * reconciler re-enqueues from PostgreSQL whatever still needs its job; every job re-checks its row and
 * does nothing when it finds the work done.
 */
export interface JobDefinition<T> {
  name: string;
  queue: QueueName;
  /** Options beside the JobRepository defaults (attempts 5, exponential back-off, finished jobs kept a while). */
  options?: JobsOptions;
  /** Entity and version of the deterministic id; absent for jobs a BullMQ job scheduler creates. */
  idParts?: (data: T) => [entityId: string, version: number];
  idPrefix?: string;
  /** For periodic jobs: the BullMQ job scheduler that creates them (re-upserted by each worker). */
  schedulerId?: string;
}

function defineJob<T>(job: JobDefinition<T>): JobDefinition<T> {
  return job;
}

export function jobId<T>(job: JobDefinition<T>, data: T): string {
  if (!job.idParts || !job.idPrefix) throw new Error(`job ${job.name} has no deterministic id: a scheduler creates it`);
  const [entityId, version] = job.idParts(data);
  return `${job.idPrefix}-${entityId}-${version}`;
}

export interface AllocateCourseJobData {
  courseId: string;
  submissionNo: number;
}

export interface RescheduleDowntimeJobData {
  downtimeId: string;
  attempt: number;
}

export interface RescheduleOpenedDaysJobData {
  /** Made once per calendar change (and written in its audit row): the job's id and the reschedule's audit entity id. */
  changeId: string;
  opened: OpenedDay[];
}

export interface ExpireHoldJobData {
  reservationId: string;
}

/** The forecast row carries the request; the job only names it. */
export interface RunForecastJobData {
  forecastId: string;
}

/** An early-starts job may name the instant it offers for (operators, tests); by default, now. */
export interface EarlyStartsJobData {
  now?: string;
}

/** One delivery attempt of one notice (an e-mail, an SMS or a webhook call carrying one or more outbox events). */
export interface DeliverNotificationJobData {
  notificationId: string;
  /** 1 for the first attempt; each retry is a new job under the next number. */
  attempt: number;
}

/** One compaction per date (center-local 'YYYY-MM-DD'); `now` is the instant it runs as (operators, tests). */
export interface CompactDayJobData {
  date: string;
  now?: string;
}

export const JOBS = {
  allocateCourse: defineJob<AllocateCourseJobData>({
    name: 'allocate-course',
    queue: QUEUES.allocation,
    idPrefix: 'allocate',
    idParts: (d) => [d.courseId, d.submissionNo],
  }),
  rescheduleDowntime: defineJob<RescheduleDowntimeJobData>({
    name: 'reschedule-downtime',
    queue: QUEUES.reschedule,
    idPrefix: 'reschedule-downtime',
    idParts: (d) => [d.downtimeId, d.attempt],
  }),
  rescheduleOpenedDays: defineJob<RescheduleOpenedDaysJobData>({
    name: 'reschedule-opened-days',
    queue: QUEUES.reschedule,
    idPrefix: 'reschedule-opened',
    // A calendar change is rescheduled once (its id is new per change): version 1.
    idParts: (d) => [d.changeId, 1],
  }),
  expireHold: defineJob<ExpireHoldJobData>({
    name: 'expire-hold',
    queue: QUEUES.quotaHolds,
    idPrefix: 'expire-hold',
    // A hold is never extended, so one job per reservation: version 1.
    idParts: (d) => [d.reservationId, 1],
  }),
  sweepHolds: defineJob<void>({ name: 'sweep-expired-holds', queue: QUEUES.quotaHolds, schedulerId: 'sweep-expired-holds-every' }),
  runForecast: defineJob<RunForecastJobData>({
    name: 'run-forecast',
    queue: QUEUES.forecast,
    idPrefix: 'forecast',
    idParts: (d) => [d.forecastId, 1],
    // One attempt plus one retry: a forecast that failed on its input fails the same way again.
    options: { attempts: 2 },
  }),
  reconcile: defineJob<void>({ name: 'reconcile', queue: QUEUES.maintenance, schedulerId: 'reconcile-every' }),
  earlyStarts: defineJob<EarlyStartsJobData>({ name: 'early-starts', queue: QUEUES.maintenance, schedulerId: 'early-starts-every' }),
  deliverNotification: defineJob<DeliverNotificationJobData>({
    name: 'deliver-notification',
    queue: QUEUES.notifications,
    idPrefix: 'notify',
    idParts: (d) => [d.notificationId, d.attempt],
    // The notice row keeps its own retry schedule (24 h of back-off for webhooks): BullMQ's attempts only
    // cover a crash or a database error inside one attempt.
    options: { attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
  }),
  /** Fired by its scheduler: enqueues compactDay for the date two days ahead. */
  compactionNightly: defineJob<void>({ name: 'compaction-nightly', queue: QUEUES.maintenance, schedulerId: 'compaction-nightly-every' }),
  compactDay: defineJob<CompactDayJobData>({
    name: 'compact-day',
    queue: QUEUES.maintenance,
    idPrefix: 'compact',
    // The date is the entity: a second enqueue for the same date is dropped (and the run itself checks its audit row).
    idParts: (d) => [d.date, 1],
  }),
} satisfies Record<string, JobDefinition<never>>;

export const JOB_CATALOG: Array<JobDefinition<never>> = Object.values(JOBS) as Array<JobDefinition<never>>;

/** How a queue's workers hold their jobs and find those of a crashed worker (BullMQ worker options). */
export interface QueueWorkerSettings {
  /** A job's lock lives this long unless renewed (every half of it, by a worker whose event loop is free). */
  lockDuration: number;
  /** How often a worker looks for active jobs whose lock expired and puts them back in the queue. */
  stalledInterval: number;
  /** Stalls a job survives before it is failed; our jobs re-check their rows, so a re-run is harmless. */
  maxStalledCount: number;
}

/**
 * A SIGKILLed worker's job waits until its lock expires and a live worker's stalled check (which must
 * see it twice, `stalledInterval` apart) moves it back: at most about lockDuration + stalledInterval
 * after a worker is available. BullMQ's defaults (30 s + 30 s) made that 30–66 s.
 *
 * - allocation, quota holds: jobs take milliseconds of CPU (their waits, on PostgreSQL's lock or the
 *   network, leave the event loop free to renew): a 5 s lock and a 2.5 s check put a crashed course
 *   back within about 5 s of a worker being there (measured in docs/allocation.md).
 * - reschedule, maintenance: a downtime reschedule or an early-starts pass runs the core synchronously
 *   for up to a few seconds on a large center, so their lock must outlast that (20 s).
 * - forecast: minutes long, but the simulation runs in worker threads (or yields between runs inline),
 *   so the lock is renewed every 15 s while it lives; 30 s keeps a slow run from passing for a crash.
 */
export const QUEUE_WORKER_SETTINGS: Record<QueueName, QueueWorkerSettings> = {
  [QUEUES.allocation]: { lockDuration: 5_000, stalledInterval: 2_500, maxStalledCount: 2 },
  [QUEUES.quotaHolds]: { lockDuration: 5_000, stalledInterval: 2_500, maxStalledCount: 2 },
  [QUEUES.reschedule]: { lockDuration: 20_000, stalledInterval: 5_000, maxStalledCount: 2 },
  [QUEUES.maintenance]: { lockDuration: 20_000, stalledInterval: 5_000, maxStalledCount: 2 },
  [QUEUES.forecast]: { lockDuration: 30_000, stalledInterval: 10_000, maxStalledCount: 1 },
  // A delivery waits on the network (SMTP, a ministry's receiver) with a free event loop, so a short lock
  // is renewed while it lasts and a killed worker's notice goes back to the queue within seconds.
  [QUEUES.notifications]: { lockDuration: 5_000, stalledInterval: 2_500, maxStalledCount: 2 },
};

/** The worker options a queue's @Processor passes to BullMQ. */
export function workerSettings(queue: QueueName): QueueWorkerSettings {
  return QUEUE_WORKER_SETTINGS[queue];
}
