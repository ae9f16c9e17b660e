import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DOWNTIME_KINDS = ['PLANNED', 'UNPLANNED'] as const;
export type DowntimeKind = (typeof DOWNTIME_KINDS)[number];
export const RESCHEDULE_STATUSES = ['PENDING', 'DONE', 'FAILED'] as const;
/** Set by the reschedule processor; PENDING rows are what the reconciler re-enqueues. */
export type RescheduleStatus = (typeof RESCHEDULE_STATUSES)[number];

/** A room (or, with roomId null, the whole beam line) out of service over [start, end). */
@Entity('downtimes')
export class Downtime {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { nullable: true })
  roomId!: string | null;

  @Column('timestamptz', { name: 'start_at' })
  start!: Date;

  @Column('timestamptz', { name: 'end_at' })
  end!: Date;

  @Column('text')
  kind!: DowntimeKind;

  @Column('text')
  reason!: string;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('text')
  rescheduleStatus!: RescheduleStatus;

  /** Versions the reschedule job id, so a re-run after a finished job is not swallowed by BullMQ. */
  @Column('int')
  rescheduleAttempt!: number;

  @Column('timestamptz', { nullable: true })
  rescheduledAt!: Date | null;

  @Column('jsonb', { nullable: true })
  rescheduleSummary!: Record<string, unknown> | null;
}
