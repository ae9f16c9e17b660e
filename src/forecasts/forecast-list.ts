import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { DEFAULT_PAGE_LIMIT, PageQueryDto } from '../common/page-query.dto';
import { Forecast } from './forecast.entity';
import { ForecastHeadlineView } from './views/forecast-result.view';

import type { ForecastRequest } from './forecast-request';
import { scenarioLabel } from '../scheduling';

const FORECAST_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'];

/** One past forecast in the administrator's list: what was asked, by whom, and where it stands (no result bands: GET /forecasts/:id). */
export class ForecastSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: FORECAST_STATUSES }) status!: string;
  @ApiProperty({ description: '0..1' }) progress!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({
    description: 'The request as stored: horizonWeeks, runs, seed, historyWeeks, includeQuotaDemand, and arrivals, changes and target when given',
    example: { horizonWeeks: 26, runs: 20, seed: 7, historyWeeks: 12, includeQuotaDemand: true },
  })
  input!: ForecastRequest;
  @ApiPropertyOptional({ nullable: true, description: 'The error of a FAILED forecast' }) error!: string | null;
  @ApiProperty({ description: 'The what-if in words ("as is" without changes), rooms by name' }) scenario!: string;
  @ApiPropertyOptional({ type: ForecastHeadlineView, nullable: true, description: 'The headline of a DONE forecast; null before' })
  headline!: ForecastHeadlineView | null;
}

/** Newest first (id breaks ties so pages never overlap), with the number of forecasts in all. */
export async function listForecasts(dataSource: DataSource, query: PageQueryDto): Promise<{ items: ForecastSummaryView[]; total: number }> {
  const [rows, total] = await dataSource.getRepository(Forecast).findAndCount({
    order: { createdAt: 'DESC', id: 'ASC' },
    take: query.limit ?? DEFAULT_PAGE_LIMIT,
    skip: query.offset ?? 0,
  });
  // Rooms by name in the scenario of a forecast not run yet (a finished one has its own, from its run).
  const rooms = (await dataSource.query('SELECT id, name FROM rooms')) as Array<{ id: string; name: string }>;
  const roomName = (id: string) => rooms.find((r) => r.id === id)?.name ?? id;
  const items = rows.map((f) => ({
    id: f.id,
    status: f.status,
    progress: f.progress,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
    finishedAt: f.finishedAt?.toISOString() ?? null,
    input: f.input,
    error: f.error,
    scenario: (f.result as { meta?: { scenario?: string } } | null)?.meta?.scenario ?? scenarioLabel(f.input.changes, roomName),
    headline: f.status === 'DONE' ? (f.result?.headline ?? null) : null,
  }));
  return { items, total };
}
