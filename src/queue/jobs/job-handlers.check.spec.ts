import 'reflect-metadata';
import { Processor } from '@nestjs/bullmq';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AllocateProcessor } from '../../bookings/allocation/allocate.processor';
import { MaintenanceProcessor } from '../../bookings/maintenance.processor';
import { RescheduleProcessor } from '../../bookings/rescheduling/reschedule.processor';
import { ForecastProcessor } from '../../forecasts/forecast.processor';
import { HoldExpiryProcessor } from '../../quotas/hold-expiry.processor';
import { NotifyProcessor } from '../../notifications/notify.processor';
import { QUEUES } from '../queue-names';
import { HandlesJobs } from './handles-jobs.decorator';
import { JOB_CATALOG, JOBS } from './job-catalog';
import { JobHandlersCheck, jobHandlerOf, jobHandlerProblems } from './job-handlers.check';

// Stand-in processors: only their declarations matter to the check (no BullModule, so no worker starts).
@Processor(QUEUES.allocation)
@HandlesJobs(JOBS.allocateCourse)
class Allocation {}
@Processor(QUEUES.reschedule)
@HandlesJobs(JOBS.rescheduleDowntime, JOBS.rescheduleOpenedDays)
class Reschedule {}
@Processor(QUEUES.quotaHolds)
@HandlesJobs(JOBS.expireHold, JOBS.sweepHolds)
class Holds {}
@Processor(QUEUES.forecast)
@HandlesJobs(JOBS.runForecast)
class Forecast {}
@Processor(QUEUES.maintenance)
@HandlesJobs(JOBS.reconcile, JOBS.earlyStarts, JOBS.compactionNightly, JOBS.compactDay)
class Maintenance {}
@Processor(QUEUES.notifications)
@HandlesJobs(JOBS.deliverNotification)
class Notify {}
@Processor(QUEUES.maintenance)
@HandlesJobs(JOBS.reconcile)
class SecondReconciler {}
@Processor(QUEUES.maintenance)
@HandlesJobs(JOBS.earlyStarts)
class EarlyStartsOnly {}
@Processor(QUEUES.allocation)
@HandlesJobs(JOBS.reconcile, JOBS.earlyStarts)
class MaintenanceOnTheWrongQueue {}

async function boot(...processors: Array<new () => object>): Promise<void> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobHandlersCheck, ...processors] }).compile();
  await moduleRef.init();
  await moduleRef.close();
}

describe('every catalog job has exactly one processor', () => {
  it("holds for the service's processors", () => {
    const handlers = [AllocateProcessor, RescheduleProcessor, MaintenanceProcessor, ForecastProcessor, HoldExpiryProcessor, NotifyProcessor].map((p) =>
      jobHandlerOf(p)!,
    );
    expect(handlers.every(Boolean)).toBe(true);
    expect(jobHandlerProblems(JOB_CATALOG, handlers)).toEqual([]);
  });

  it('start-up succeeds when each job is handled once, on its queue', async () => {
    await expect(boot(Allocation, Reschedule, Holds, Forecast, Maintenance, Notify)).resolves.toBeUndefined();
  });

  it('start-up fails when a job has no processor', async () => {
    await expect(boot(Allocation, Reschedule, Holds, Forecast, EarlyStartsOnly)).rejects.toThrow(/job reconcile \(queue maintenance\) has no processor/);
  });

  it('start-up fails when a job has two processors', async () => {
    await expect(boot(Allocation, Reschedule, Holds, Forecast, Maintenance, SecondReconciler)).rejects.toThrow(
      /job reconcile has 2 processors: Maintenance, SecondReconciler/,
    );
  });

  it('start-up fails when a processor declares a job of another queue', async () => {
    await expect(boot(Allocation, Reschedule, Holds, Forecast, MaintenanceOnTheWrongQueue)).rejects.toThrow(
      /MaintenanceOnTheWrongQueue handles reconcile of queue maintenance but processes queue allocation/,
    );
  });
});
