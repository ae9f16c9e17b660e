import { ApiPropertyOptional } from '@nestjs/swagger';
import type { PatientCategory } from '../scheduling';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A kind of place a quota grants (e.g. PEDIATRIC_ONCOHEMATOLOGY); data, so admins add more. */
@Entity('quota_categories')
export class QuotaCategory {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  description!: string;

  /** Referrals against the category must be for a patient of this category on the course's start; null: any. */
  @ApiPropertyOptional({ enum: ['ADULT', 'PEDIATRIC'], nullable: true })
  @Column('text', { nullable: true })
  patientCategory!: PatientCategory | null;

  /** …and for a course of one of these diagnosis groups; null: any. */
  @ApiPropertyOptional({ type: [String], nullable: true, example: ['ONCOHEMATOLOGY'] })
  @Column('text', { array: true, nullable: true })
  diagnosisGroups!: string[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
