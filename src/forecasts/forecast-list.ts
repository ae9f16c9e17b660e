import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { DEFAULT_PAGE_LIMIT, PageQueryDto } from '../common/page-query.dto';
import { Forecast } from './forecast.entity';

const FORECAST_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'];
import type { ForecastRequest } from './forecast-request';

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
}

/** Newest first (id breaks ties so pages never overlap). */
export async function listForecasts(dataSource: DataSource, query: PageQueryDto): Promise<ForecastSummaryView[]> {
  const rows = await dataSource.getRepository(Forecast).find({
    order: { createdAt: 'DESC', id: 'ASC' },
    take: query.limit ?? DEFAULT_PAGE_LIMIT,
    skip: query.offset ?? 0,
  });
  return rows.map((f) => ({
    id: f.id,
    status: f.status,
    progress: f.progress,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
    finishedAt: f.finishedAt?.toISOString() ?? null,
    input: f.input,
    error: f.error,
  }));
}
