import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOWNTIME_KINDS, Downtime, RESCHEDULE_STATUSES } from '../downtime.entity';
import { JOBS, jobId } from '../../queue/jobs/job-catalog';

export class DowntimeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null: the whole beam line' }) roomId!: string | null;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ enum: DOWNTIME_KINDS }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: RESCHEDULE_STATUSES }) rescheduleStatus!: string;
  @ApiProperty({ description: 'BullMQ job id of the current reschedule attempt' }) rescheduleJobId!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) rescheduledAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'What the reschedule moved (written by the reschedule job)' })
  rescheduleSummary!: Record<string, unknown> | null;
}

export class CreatedDowntimeView extends DowntimeView {
  @ApiProperty({ description: 'false when Redis was unreachable: the reconciler enqueues the PENDING reschedule later' })
  queued!: boolean;
}

export function toDowntimeView(d: Downtime): DowntimeView {
  return {
    id: d.id,
    roomId: d.roomId,
    start: d.start.toISOString(),
    end: d.end.toISOString(),
    kind: d.kind,
    reason: d.reason,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    rescheduleStatus: d.rescheduleStatus,
    rescheduleJobId: jobId(JOBS.rescheduleDowntime, { downtimeId: d.id, attempt: d.rescheduleAttempt }),
    rescheduledAt: d.rescheduledAt ? d.rescheduledAt.toISOString() : null,
    rescheduleSummary: d.rescheduleSummary,
  };
}
