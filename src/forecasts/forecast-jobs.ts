import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRepository } from '../queue/job.repository';
import { JOBS } from '../queue/jobs/job-catalog';
import { ReconcileCheck, ReconcilerService } from '../queue/reconciler.service';
import { Forecast } from './forecast.entity';

/** A job that stays QUEUED this long without a live BullMQ job was lost (Redis was down at POST). */
export const LOST_AFTER_MS = 10_000;
/** How many stuck rows one reconciler pass looks at; the next pass picks up the rest. */
const BATCH = 100;

/**
 * A forecast row and its `run-forecast` job: enqueue, and the "stuck row → job" check, run both when a
 * client polls the forecast (GET answers with the settled row) and as the reconciler's `forecasts` check.
 */
@Injectable()
export class ForecastJobs implements ReconcileCheck, OnModuleInit {
  readonly name = 'forecasts';
  private readonly logger = new Logger(ForecastJobs.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  enqueue(id: string): Promise<boolean> {
    return this.jobs.enqueue(JOBS.runForecast, { forecastId: id });
  }

  async reconcile(): Promise<{ requeuedForecasts: number; settledForecasts: number }> {
    const rows: Array<{ id: string; status: string }> = await this.dataSource.query(
      `SELECT id, status FROM forecasts
        WHERE status = 'RUNNING' OR (status = 'QUEUED' AND created_at < now() - make_interval(secs => $1))
        ORDER BY created_at LIMIT $2`,
      [LOST_AFTER_MS / 1000, BATCH],
    );
    const report = { requeuedForecasts: 0, settledForecasts: 0 };
    for (const row of rows) {
      if (row.status === 'QUEUED' && (await this.requeueIfLost(row.id))) report.requeuedForecasts++;
      if (row.status === 'RUNNING' && (await this.settleIfAbandoned(row.id))) report.settledForecasts++;
    }
    return report;
  }

  /**
   * A RUNNING forecast whose job is no longer live was abandoned: its worker died and the queue
   * gave up on the job (it stalled more often than allowed), or Redis lost the job. The row would
   * say RUNNING forever. A job the queue failed is FAILED with the queue's reason (running it again
   * could kill the next worker the same way); a job Redis lost is queued again. Only a row still
   * RUNNING is changed, so a forecast finishing meanwhile keeps its DONE. True when it changed.
   */
  async settleIfAbandoned(id: string): Promise<boolean> {
    const data = { forecastId: id };
    try {
      if (await this.jobs.isLive(JOBS.runForecast, data)) return false;
      const reason = await this.jobs.failedReason(JOBS.runForecast, data);
      const repo = this.dataSource.getRepository(Forecast);
      if (reason !== null) {
        const error = `the worker running this forecast stopped and the queue gave up on it (${reason}); create the forecast again`;
        const { affected } = await repo.update({ id, status: 'RUNNING' }, { status: 'FAILED', error, finishedAt: new Date() });
        if (affected) this.logger.warn(`forecast ${id}: ${error}`);
        return !!affected;
      }
      const { affected } = await repo.update({ id, status: 'RUNNING' }, { status: 'QUEUED', progress: 0, startedAt: null });
      if (!affected) return false;
      await this.jobs.removeIfFinished(JOBS.runForecast, data);
      if (await this.enqueue(id)) this.logger.log(`re-enqueued forecast ${id}: its job was lost while it ran`);
      return true;
    } catch (error) {
      this.logger.warn(`could not check forecast job ${id}: ${(error as Error).message}`);
      return false;
    }
  }

  /** A QUEUED forecast without a live job (Redis was down at POST, or lost the job) is enqueued again. True when it was. */
  async requeueIfLost(id: string): Promise<boolean> {
    const data = { forecastId: id };
    try {
      if (await this.jobs.isLive(JOBS.runForecast, data)) return false;
      await this.jobs.removeIfFinished(JOBS.runForecast, data);
      const enqueued = await this.enqueue(id);
      if (enqueued) this.logger.log(`re-enqueued lost forecast ${id}`);
      return enqueued;
    } catch (error) {
      this.logger.warn(`could not check forecast job ${id}: ${(error as Error).message}`);
      return false;
    }
  }
}
