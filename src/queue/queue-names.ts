/** Every BullMQ queue the service uses. Job ids are deterministic so a retried enqueue is a no-op. */
export const QUEUES = {
  allocation: 'allocation',
  reschedule: 'reschedule',
  quotaHolds: 'quota-holds',
  forecast: 'forecast',
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
