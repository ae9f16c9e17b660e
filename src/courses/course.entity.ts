import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoomKind, Urgency } from '../scheduling/types';

export const DIAGNOSIS_GROUPS = ['CNS', 'HEAD_NECK', 'ONCOHEMATOLOGY', 'SARCOMA', 'THORAX', 'ABDOMEN_PELVIS', 'BREAST', 'OTHER'] as const;
export type DiagnosisGroup = (typeof DIAGNOSIS_GROUPS)[number];
export const URGENCIES: Urgency[] = ['EMERGENCY', 'URGENT', 'ROUTINE'];
export const COURSE_STATUSES = ['DRAFT', 'QUEUED', 'SCHEDULED', 'UNSCHEDULABLE', 'IN_TREATMENT', 'COMPLETED', 'CANCELLED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  patientId!: string;

  @Column('text')
  diagnosisGroup!: DiagnosisGroup;

  @Column('text')
  urgency!: Urgency;

  @Column('int')
  fractions!: number;

  @Column('int')
  fractionsPerWeek!: number;

  @Column('int')
  fractionMinutes!: number;

  @Column('int')
  beamMinutes!: number;

  @Column('int')
  beamOffsetMinutes!: number;

  @Column('boolean')
  requiresAnesthesia!: boolean;

  @Column('text', { array: true })
  roomKinds!: RoomKind[];

  @Column('date')
  earliestStart!: string;

  @Column('date')
  dueStart!: string;

  @Column('text')
  status!: CourseStatus;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('boolean')
  lateStart!: boolean;

  /** Bumped on every submit; the allocation job id carries it so a resubmission is a new job. */
  @Column('int')
  submissionNo!: number;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('uuid', { nullable: true })
  referralId!: string | null;

  @Column('char', { length: 2, nullable: true })
  referralCountryCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
