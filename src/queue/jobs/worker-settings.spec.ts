import 'reflect-metadata';
import { AllocateProcessor } from '../../bookings/allocation/allocate.processor';
import { MaintenanceProcessor } from '../../bookings/maintenance.processor';
import { RescheduleProcessor } from '../../bookings/rescheduling/reschedule.processor';
import { ForecastProcessor } from '../../forecasts/forecast.processor';
import { HoldExpiryProcessor } from '../../quotas/hold-expiry.processor';
import { QUEUES } from '../queue-names';
import { QUEUE_WORKER_SETTINGS } from './job-catalog';

/** Where @nestjs/bullmq's @Processor keeps the worker options it hands to BullMQ (not exported by the package). */
const WORKER_METADATA = 'bullmq:worker_metadata';
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

describe('worker lock and stalled-job settings', () => {
  it.each([AllocateProcessor, RescheduleProcessor, MaintenanceProcessor, ForecastProcessor, HoldExpiryProcessor])(
    '%p passes its queue’s settings to BullMQ',
    (processor) => {
      const queue = (Reflect.getMetadata(PROCESSOR_METADATA, processor) as { name: keyof typeof QUEUE_WORKER_SETTINGS }).name;
      expect(Reflect.getMetadata(WORKER_METADATA, processor)).toEqual(expect.objectContaining(QUEUE_WORKER_SETTINGS[queue]));
    },
  );

  it('puts a crashed allocation back within 10 s of a worker being there (lock + one stalled interval)', () => {
    const { lockDuration, stalledInterval } = QUEUE_WORKER_SETTINGS[QUEUES.allocation];
    expect(lockDuration + stalledInterval).toBeLessThanOrEqual(10_000);
  });

  it('gives forecasts, which run for minutes, a lock no slow run outlives (30 s, renewed every 15 s)', () => {
    expect(QUEUE_WORKER_SETTINGS[QUEUES.forecast].lockDuration).toBeGreaterThanOrEqual(30_000);
  });
});
