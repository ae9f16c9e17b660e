import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The result's figures as the OpenAPI document describes them: every figure defined in one
 * sentence, so the console (and anyone reading /docs) shows what each number counts.
 */
export class BandView {
  @ApiProperty({ description: '10th percentile across runs: 9 runs in 10 gave at least this' }) p10!: number;
  @ApiProperty({ description: 'Median across runs' }) p50!: number;
  @ApiProperty({ description: '90th percentile across runs: 9 runs in 10 gave at most this' }) p90!: number;
}

export class CurrentYearView {
  @ApiProperty({ description: 'The calendar year (center time) the forecast begins in' }) year!: number;
  @ApiProperty({ description: 'Courses whose first fraction was given this year before the forecast began (actual, from the database).' })
  startedToDate!: number;
  @ApiProperty({ type: BandView, description: 'Courses whose first fraction falls between the forecast start and 31 December (simulated).' })
  restOfYear!: BandView;
  @ApiProperty({ type: BandView, description: 'startedToDate + restOfYear: the courses this year will have started.' }) total!: BandView;
  @ApiProperty({ description: 'Share of runs whose total reaches the target (0..1).' }) probabilityReachingTarget!: number;
}

export class ForecastHeadlineView {
  @ApiProperty({ description: 'Courses per year the center aims at (the request, else the center settings: 800).' }) target!: number;
  @ApiProperty({
    type: BandView,
    description: 'Courses whose first fraction falls inside the horizon, live bookings and simulated arrivals alike: the one measure of output.',
  })
  coursesStarted!: BandView;
  @ApiProperty({ type: BandView, description: 'coursesStarted × 52 / horizonWeeks: the same count as a yearly pace, compared with the target.' })
  coursesStartedPerYear!: BandView;
  @ApiProperty({ description: 'Share of runs whose coursesStartedPerYear reaches the target (0..1).' }) probabilityReachingTarget!: number;
  @ApiPropertyOptional({
    type: CurrentYearView,
    nullable: true,
    description: 'Year-to-date actual plus forecast rest of the year; null when the horizon ends before 31 December.',
  })
  currentYear!: CurrentYearView | null;
}

export class ForecastFiguresView {
  @ApiProperty({ type: BandView, description: 'Courses submitted inside the horizon, × 52 / horizonWeeks.' }) arrivalsPerYear!: BandView;
  @ApiProperty({ type: BandView, description: 'Courses submitted inside the horizon for which the allocator found no schedule at all.' })
  unschedulable!: BandView;
  @ApiProperty({ type: BandView, description: 'Courses whose first fraction comes after the latest start their urgency allows.' }) lateStarts!: BandView;
  @ApiProperty({
    type: BandView,
    description: 'Days from submission to first fraction, pooled over every course submitted in the horizon in all runs (its p90 is the long-wait tail).',
  })
  waitDays!: BandView;
  @ApiProperty({ type: BandView, description: "Each run's median days from submission to first fraction: the typical wait, and how sure it is." })
  medianWaitDays!: BandView;
  @ApiProperty({ type: BandView, description: 'Courses submitted but not yet started at the end of the horizon (the waiting list).' })
  queueAtEnd!: BandView;
}

export class ForecastWeekView {
  @ApiProperty() index!: number;
  @ApiProperty({ example: '2027-W03' }) isoWeek!: string;
  @ApiProperty({ description: 'Monday of the week, center-local date' }) start!: string;
  @ApiProperty({ description: 'Open room minutes of the week (hours − QA − closures; downtime not subtracted, so it shows as lost utilization).' })
  openMinutes!: number;
  @ApiProperty({ type: BandView, description: 'Booked room minutes / openMinutes, all rooms together (0..1).' }) utilization!: BandView;
  @ApiProperty({ description: 'Room id → that room’s utilization band', type: 'object', additionalProperties: { $ref: '#/components/schemas/BandView' } })
  rooms!: Record<string, BandView>;
  @ApiProperty({ type: BandView, description: 'Courses submitted but not started at the end of the week.' }) queue!: BandView;
  @ApiProperty({ type: BandView, description: 'Days from submission to first fraction of the courses submitted this week (pooled over runs).' })
  waitDays!: BandView;
  @ApiProperty({ type: BandView, description: 'Courses submitted this week.' }) arrivals!: BandView;
  @ApiProperty({ type: BandView, description: 'Courses whose first fraction falls in this week.' }) starts!: BandView;
}

export class ForecastResultView {
  @ApiProperty() seed!: number;
  @ApiProperty() runs!: number;
  @ApiProperty() horizonWeeks!: number;
  @ApiProperty({ description: 'First Monday of the horizon (center-local date)' }) from!: string;
  @ApiProperty({ description: 'Day after the horizon (exclusive)' }) to!: string;
  @ApiProperty({ type: ForecastHeadlineView }) headline!: ForecastHeadlineView;
  @ApiProperty({ type: [ForecastWeekView] }) weeks!: ForecastWeekView[];
  @ApiProperty({ type: ForecastFiguresView, description: "The horizon's other figures" }) year!: ForecastFiguresView;
  @ApiProperty({ description: 'Room ids in the order the weeks list them', type: [String] }) rooms!: string[];
  @ApiPropertyOptional({
    description: 'How the forecast was made: now, arrivalSource, scenario (the what-if in words), roomNames, downtimeWhatIf, rateDrift, …',
    type: 'object',
    additionalProperties: true,
  })
  meta?: Record<string, unknown>;
}

export class ForecastView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] }) status!: string;
  @ApiProperty({ description: '0..1' }) progress!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ type: ForecastResultView, description: 'Once DONE' }) result?: ForecastResultView;
}
