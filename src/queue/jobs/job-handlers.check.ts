import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { HANDLES_JOBS } from './handles-jobs.decorator';
import { JOB_CATALOG, JobDefinition } from './job-catalog';

/** Where @nestjs/bullmq's @Processor keeps its options (not exported by the package). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

export interface JobHandler {
  processor: string;
  /** The queue its @Processor works on, when it has one. */
  queue?: string;
  jobs: Array<JobDefinition<never>>;
}

/** What a class declares through @HandlesJobs and @Processor; null when it handles no job. */
export function jobHandlerOf(cls: { readonly name: string }): JobHandler | null {
  const jobs = Reflect.getMetadata(HANDLES_JOBS, cls) as Array<JobDefinition<never>> | undefined;
  if (!jobs) return null;
  const processor = Reflect.getMetadata(PROCESSOR_METADATA, cls) as { name?: string } | undefined;
  return { processor: cls.name, queue: processor?.name, jobs };
}

/** Every way the handlers fail the catalog: a job with no processor or two, or one handled off its queue. */
export function jobHandlerProblems(catalog: Array<JobDefinition<never>>, handlers: JobHandler[]): string[] {
  const problems: string[] = [];
  for (const job of catalog) {
    const by = handlers.filter((h) => h.jobs.includes(job)).map((h) => h.processor);
    if (by.length === 0) problems.push(`job ${job.name} (queue ${job.queue}) has no processor`);
    if (by.length > 1) problems.push(`job ${job.name} has ${by.length} processors: ${by.join(', ')}`);
  }
  for (const h of handlers) {
    for (const job of h.jobs) {
      if (!catalog.includes(job)) problems.push(`${h.processor} handles ${job.name}, which is not in the job catalog`);
      else if (h.queue !== job.queue) problems.push(`${h.processor} handles ${job.name} of queue ${job.queue} but processes queue ${h.queue ?? '(none)'}`);
    }
  }
  return problems;
}

/** Where workers run: start-up fails unless every catalog job has exactly one processor, on its queue. */
@Injectable()
export class JobHandlersCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const handlers = this.discovery
      .getProviders()
      .map((wrapper) => (wrapper.metatype && typeof wrapper.metatype === 'function' ? jobHandlerOf(wrapper.metatype) : null))
      .filter((h): h is JobHandler => h !== null);
    const problems = jobHandlerProblems(JOB_CATALOG, handlers);
    if (problems.length) throw new Error(`Job processors do not match the job catalog: ${problems.join('; ')}`);
  }
}
