import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/dist/types';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { JobRepository } from '../queue/job.repository';
import { ALL_QUEUES } from '../queue/queue-names';
import { dashboardAuth } from './dashboard-auth.middleware';

export const DASHBOARD_PATH = '/admin/queues';

/** Bull Board at /admin/queues (outside /api/v1), admins only; see dashboard-auth.middleware.ts. */
@Module({ imports: [AuthModule] })
export class QueueDashboardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jobs: JobRepository,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (!httpAdapter) return; // worker-only process: nothing to serve
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    // @bull-board/express pins its own copy of @bull-board/api (9.10.1 vs 9.10.2); the shapes match at runtime.
    createBullBoard({
      queues: ALL_QUEUES.map((name) => new BullMQAdapter(this.jobs.queue(name))),
      serverAdapter: serverAdapter as unknown as IServerAdapter,
    });
    const app = httpAdapter.getInstance<Express>();
    app.use(
      DASHBOARD_PATH,
      dashboardAuth((token) => this.auth.actorFor(token)),
      serverAdapter.getRouter(),
    );
  }
}
