import { SetMetadata } from '@nestjs/common';
import type { JobDefinition } from './job-catalog';

export const HANDLES_JOBS = 'beamtime:handles-jobs';

/**
 * Declares which catalog jobs a processor handles. At start-up JobHandlersCheck refuses to boot when a
 * catalog job has no processor or two: BullMQ hands each job of a queue to any worker of that queue, so
 * a job nobody handles would be taken and dropped, and two handlers would take turns at random.
 */
export function HandlesJobs(...jobs: Array<JobDefinition<never>>): ClassDecorator {
  return SetMetadata(HANDLES_JOBS, jobs);
}
