/** Every BullMQ queue the service uses; which job runs on which: jobs/job-catalog.ts. */
export const QUEUES = {
  allocation: 'allocation',
  reschedule: 'reschedule',
  quotaHolds: 'quota-holds',
  forecast: 'forecast',
  maintenance: 'maintenance',
  notifications: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
