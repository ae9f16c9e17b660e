import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { DecimalInt } from '../common/decimal-int.decorator';

export class CapacitySummaryQueryDto {
  @ApiPropertyOptional({ example: 2026, description: "The year (default: the center's current year)" })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1970)
  @Max(2100)
  year?: number;
}

export class CoursesStartedView {
  @ApiProperty({ description: 'Courses whose first fraction was given (DELIVERED) this year, up to `upTo`' }) started!: number;
  @ApiProperty({ description: 'Courses not started yet whose first fraction is booked later this year' }) bookedToStart!: number;
  @ApiProperty({ description: 'started + bookedToStart: where the year ends if nothing else is booked' }) projected!: number;
  @ApiProperty({ example: 800, description: "The center's annual target (settings.annualCapacity)" }) target!: number;
  @ApiProperty({ description: 'started scaled from the days elapsed to the whole year (0 before the year began)' }) onPaceFor!: number;
  @ApiProperty({ example: '2026-12-07', description: 'Last day counted (today in the center, or 31 December of a past year)' }) upTo!: string;
}

export class WaitingByUrgencyView {
  @ApiProperty({ enum: ['EMERGENCY', 'URGENT', 'ROUTINE'] }) urgency!: string;
  @ApiProperty({ description: 'Courses submitted and not started (QUEUED, SCHEDULED or UNSCHEDULABLE, no fraction given)' }) count!: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Submission of the longest-waiting one' }) oldestSubmittedAt!: string | null;
  @ApiProperty({ description: 'Whole days the longest-waiting one has waited since submission' }) oldestWaitDays!: number;
}

export class LateStartsView {
  @ApiProperty({ description: 'Courses flagged lateStart whose first fraction falls in the year' }) total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { URGENT: 3, ROUTINE: 12 } }) byUrgency!: Record<string, number>;
}

/** The administrator's capacity dashboard in one answer (the heat map is GET /capacity). */
export class CapacitySummaryView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'Asia/Almaty' }) timeZone!: string;
  @ApiProperty({ type: CoursesStartedView }) courses!: CoursesStartedView;
  @ApiProperty({ type: [WaitingByUrgencyView], description: 'Every urgency, most urgent first' }) waiting!: WaitingByUrgencyView[];
  @ApiProperty({ type: LateStartsView }) lateStarts!: LateStartsView;
}

const URGENCIES = ['EMERGENCY', 'URGENT', 'ROUTINE'] as const;

/** Days are the center's; "now" is the database's, so every figure reads one clock. */
export async function capacitySummary(dataSource: DataSource, requestedYear: number | undefined): Promise<CapacitySummaryView> {
  const [settings]: Array<{ tz: string; target: number; today: string }> = await dataSource.query(
    `SELECT time_zone AS tz, annual_capacity AS target, to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today FROM center_settings WHERE id = 1`,
  );
  const year = requestedYear ?? Number(settings.today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const upTo = settings.today < yearStart ? null : settings.today > yearEnd ? yearEnd : settings.today;
  const [courses]: Array<{ started: number; booked_to_start: number }> = await dataSource.query(
    `WITH given AS (SELECT course_id, min(start) AS first_given FROM appointments WHERE status = 'DELIVERED' GROUP BY course_id),
          booked AS (SELECT course_id, min(start) AS first_booked FROM appointments WHERE status = 'BOOKED' GROUP BY course_id)
     SELECT (SELECT count(*) FROM given g
              WHERE $4::date IS NOT NULL AND (g.first_given AT TIME ZONE $1)::date BETWEEN $2::date AND $4::date)::int AS started,
            (SELECT count(*) FROM booked b JOIN courses c ON c.id = b.course_id
              WHERE c.status = 'SCHEDULED' AND NOT EXISTS (SELECT 1 FROM given g WHERE g.course_id = b.course_id)
                AND b.first_booked > now() AND (b.first_booked AT TIME ZONE $1)::date BETWEEN $2::date AND $3::date)::int AS booked_to_start`,
    [settings.tz, yearStart, yearEnd, upTo],
  );
  const waitingRows: Array<{ urgency: string; n: number; oldest: Date | null; wait_days: number | null }> = await dataSource.query(
    `SELECT c.urgency, count(*)::int AS n, min(c.submitted_at) AS oldest, floor(extract(epoch FROM now() - min(c.submitted_at)) / 86400)::int AS wait_days
       FROM courses c
      WHERE c.status IN ('QUEUED', 'SCHEDULED', 'UNSCHEDULABLE') AND c.submitted_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.course_id = c.id AND a.status = 'DELIVERED')
      GROUP BY c.urgency`,
  );
  const lateRows: Array<{ urgency: string; n: number }> = await dataSource.query(
    `SELECT c.urgency, count(*)::int AS n FROM courses c
      WHERE c.late_start
        AND (SELECT (min(a.start) AT TIME ZONE $1)::date FROM appointments a WHERE a.course_id = c.id AND a.status <> 'CANCELLED') BETWEEN $2::date AND $3::date
      GROUP BY c.urgency`,
    [settings.tz, yearStart, yearEnd],
  );
  const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  const elapsed = upTo ? (Date.parse(`${upTo}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000 + 1 : 0;
  const byUrgency = new Map(waitingRows.map((r) => [r.urgency, r]));
  return {
    year,
    timeZone: settings.tz,
    courses: {
      started: courses.started,
      bookedToStart: courses.booked_to_start,
      projected: courses.started + courses.booked_to_start,
      target: settings.target,
      onPaceFor: elapsed ? Math.round((courses.started * daysInYear) / elapsed) : 0,
      upTo: upTo ?? yearStart,
    },
    waiting: URGENCIES.map((urgency) => {
      const r = byUrgency.get(urgency);
      return { urgency, count: r?.n ?? 0, oldestSubmittedAt: r?.oldest ? new Date(r.oldest).toISOString() : null, oldestWaitDays: r?.wait_days ?? 0 };
    }),
    lateStarts: { total: lateRows.reduce((sum, r) => sum + r.n, 0), byUrgency: Object.fromEntries(lateRows.map((r) => [r.urgency, r.n])) },
  };
}
