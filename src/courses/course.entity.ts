import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PreferredWindow, RoomKind, Urgency } from '../scheduling';

export const DIAGNOSIS_GROUPS = ['CNS', 'HEAD_NECK', 'ONCOHEMATOLOGY', 'SARCOMA', 'THORAX', 'ABDOMEN_PELVIS', 'BREAST', 'OTHER'] as const;
export type DiagnosisGroup = (typeof DIAGNOSIS_GROUPS)[number];
export const URGENCIES: Urgency[] = ['EMERGENCY', 'URGENT', 'ROUTINE'];
export const COURSE_STATUSES = ['DRAFT', 'QUEUED', 'SCHEDULED', 'UNSCHEDULABLE', 'IN_TREATMENT', 'COMPLETED', 'CANCELLED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/**
 * node-postgres reads a date[] as Dates at local midnight (TypeORM turns only plain date columns
 * back into 'YYYY-MM-DD'): the local calendar fields are the stored date.
 */
function calendarDate(d: string | Date): string {
  if (typeof d === 'string') return d;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

@Entity('courses')
export class Course {
  @ApiProperty({ type: String, format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  @Column('uuid')
  patientId!: string;

  @ApiProperty({ enum: DIAGNOSIS_GROUPS })
  @Column('text')
  diagnosisGroup!: DiagnosisGroup;

  @ApiProperty({ enum: URGENCIES })
  @Column('text')
  urgency!: Urgency;

  @ApiProperty({ type: Number })
  @Column('int')
  fractions!: number;

  @ApiProperty({ type: Number })
  @Column('int')
  fractionsPerWeek!: number;

  @ApiProperty({ type: Number })
  @Column('int')
  fractionMinutes!: number;

  @ApiProperty({ type: Number })
  @Column('int')
  beamMinutes!: number;

  @ApiProperty({ type: Number })
  @Column('int')
  beamOffsetMinutes!: number;

  @ApiProperty({ type: Boolean })
  @Column('boolean')
  requiresAnesthesia!: boolean;

  @ApiProperty({ enum: ['GANTRY', 'FIXED_BEAM'], isArray: true })
  @Column('text', { array: true })
  roomKinds!: RoomKind[];

  @ApiProperty({ type: String, format: 'date' })
  @Column('date')
  earliestStart!: string;

  @ApiProperty({ type: String, format: 'date' })
  @Column('date')
  dueStart!: string;

  /** Rule 10: dates the patient cannot come (never booked; skipping them is no interruption). */
  @ApiProperty({ type: String, format: 'date', isArray: true })
  @Column('date', { array: true, transformer: { to: (v: string[]) => v, from: (v: Array<string | Date>) => v.map(calendarDate) } })
  unavailableDates!: string[];

  /** Soft: the patient's preferred local daily window. */
  @ApiProperty({ type: Object, nullable: true })
  @Column('jsonb', { nullable: true })
  preferredWindow!: PreferredWindow | null;

  @ApiProperty({ enum: COURSE_STATUSES })
  @Column('text')
  status!: CourseStatus;

  @ApiProperty({ type: String, nullable: true })
  @Column('text', { nullable: true })
  reason!: string | null;

  @ApiProperty({ type: Boolean })
  @Column('boolean')
  lateStart!: boolean;

  /** Bumped on every submit; the allocation job id carries it so a resubmission is a new job. */
  @ApiProperty({ type: Number })
  @Column('int')
  submissionNo!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Column('uuid', { nullable: true })
  referralId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  @Column('char', { length: 2, nullable: true })
  referralCountryCode!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
