import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { defaultArrivals, estimateArrivals, DEFAULT_RATE_DRIFT, scenarioLabel } from '../scheduling';
import type { ArrivalCategory, ForecastInput } from '../scheduling';
import { AppConfig } from '../config/app-config';
import { Forecast } from './forecast.entity';
import { ForecastAborted, runForecastParallel } from './parallel-forecast';
import { ForecastDataService } from './forecast-data.service';

/** Fewer past submissions than this say too little about the mix; the default demand is used. */
const MIN_HISTORY = 20;
/**
 * Submissions spanning less time than this say nothing about a weekly rate (a center that just
 * started, or a demo database seeded in one go); the default demand is used.
 */
const MIN_HISTORY_SPAN_WEEKS = 4;
const WEEK_MS = 7 * 86_400_000;
/** Progress is written at most this often (fraction of runs) to keep the row and Redis quiet. */
const PROGRESS_STEP = 0.02;

@Injectable()
export class ForecastRunnerService {
  private readonly logger = new Logger(ForecastRunnerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: ForecastDataService,
    private readonly config: AppConfig,
  ) {}

  /** `signal` stops the simulation (worker shutdown): the forecast goes back to QUEUED and ForecastAborted is thrown. */
  async run(
    forecastId: string,
    job?: Pick<Job, 'updateProgress'> & Partial<Pick<Job, 'attemptsMade' | 'opts'>>,
    now = new Date(),
    signal?: AbortSignal,
  ): Promise<void> {
    const repo = this.dataSource.getRepository(Forecast);
    const row = await repo.findOneBy({ id: forecastId });
    if (!row || row.status === 'DONE') return;
    await repo.update({ id: forecastId }, { status: 'RUNNING', progress: 0, startedAt: now, error: null });
    try {
      const req = row.input;
      const snap = await this.data.snapshot(now, req.historyWeeks, req.includeQuotaDemand, !!req.changes?.downtimes?.length);
      let arrivals: ArrivalCategory[];
      let arrivalSource: 'request' | 'history' | 'default';
      // Rates over the time the history actually covers: a center younger than the window would
      // otherwise look quieter than it is.
      const spanWeeks = snap.history.length ? (now.getTime() - Date.parse(snap.history[0].arrival)) / WEEK_MS : 0;
      const rateWeeks = Math.min(req.historyWeeks, spanWeeks);
      if (req.arrivals?.length) {
        arrivals = req.arrivals;
        arrivalSource = 'request';
      } else if (snap.history.length >= MIN_HISTORY && rateWeeks >= MIN_HISTORY_SPAN_WEEKS) {
        arrivals = estimateArrivals(snap.history, rateWeeks);
        arrivalSource = 'history';
      } else {
        arrivals = defaultArrivals(snap.annualCapacity);
        arrivalSource = 'default';
      }
      const input: ForecastInput = {
        center: snap.center,
        existing: snap.existing,
        now: now.toISOString(),
        horizonWeeks: req.horizonWeeks,
        runs: req.runs,
        seed: req.seed,
        arrivals,
        quotaDemand: snap.quotaDemand,
        changes: req.changes,
        target: req.target ?? snap.annualCapacity,
        courses: snap.courses,
        notStarted: snap.notStarted,
        startedThisYear: snap.startedThisYear,
        // Rates an administrator states are taken as known; estimated or default ones may drift.
        rateDrift: arrivalSource === 'request' ? 0 : DEFAULT_RATE_DRIFT,
      };
      let reported = 0;
      // In worker threads by default: the simulation is CPU-bound and must not stall this event loop
      // (BullMQ lock renewal, and the API when it shares the process); inline mode yields per run.
      const result = await runForecastParallel(input, {
        threads: this.config.get('FORECAST_THREADS'),
        signal,
        onProgress: async ({ done, total }) => {
          const progress = done / total;
          if (done < total && progress - reported < PROGRESS_STEP) return;
          reported = progress;
          const rounded = Math.round(progress * 1000) / 1000;
          await job?.updateProgress(rounded);
          await repo.update({ id: forecastId, status: 'RUNNING' }, { progress: rounded });
        },
      });
      const meta: Record<string, unknown> = {
        now: input.now,
        arrivalSource,
        historyWeeks: req.historyWeeks,
        historySpanWeeks: Number(spanWeeks.toFixed(2)),
        historySubmissions: snap.history.length,
        existingBookings: snap.existing.length,
        roomNames: snap.roomNames,
        quotaDemand: snap.quotaDemand,
        changes: req.changes ?? null,
        scenario: scenarioLabel(req.changes, (roomId) => snap.roomNames[roomId] ?? roomId),
        startedThisYear: snap.startedThisYear,
        rateDrift: input.rateDrift,
      };
      // save() rather than update(): update's deep-partial typing cannot express a jsonb of unknowns.
      await repo.save({ ...row, status: 'DONE', progress: 1, result: { ...result, meta }, startedAt: now, finishedAt: new Date(), error: null });
    } catch (error) {
      if (error instanceof ForecastAborted) {
        // Nothing was wrong with it: another worker (or this one after a restart) runs it again.
        await repo.update({ id: forecastId }, { status: 'QUEUED', progress: 0, startedAt: null, error: null });
        throw error;
      }
      const message = (error as Error).message || String(error);
      // Bad input (RangeError from the core) fails identically on retry.
      const unrecoverable = error instanceof RangeError;
      const attempt = (job?.attemptsMade ?? 0) + 1;
      const willRetry = !unrecoverable && attempt < (job?.opts?.attempts ?? 1);
      if (willRetry) {
        // BullMQ runs it again after a back-off: FAILED now would be a final answer that turns into
        // RUNNING and DONE later, and a client that stops polling at FAILED never sees the result.
        this.logger.warn(`forecast ${forecastId} attempt ${attempt} failed, retrying: ${message}`);
        await repo.update(
          { id: forecastId },
          { status: 'QUEUED', progress: 0, startedAt: null, error: `attempt ${attempt} failed, retrying: ${message}`.slice(0, 2000) },
        );
        throw error;
      }
      this.logger.warn(`forecast ${forecastId} failed: ${message}`);
      await repo.update({ id: forecastId }, { status: 'FAILED', error: message.slice(0, 2000), finishedAt: new Date() });
      if (unrecoverable) throw new UnrecoverableError(message);
      throw error;
    }
  }
}
