import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const REFERRAL_STATUSES = ['ACTIVE', 'RETURNED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * A patient referred by a partner ministry against a held reservation; it used one place.
 * RETURNED when the course was cancelled before its first fraction and the place went back.
 */
@Entity('referrals')
export class Referral {
  /** Chosen by the service before the course is created, because the course carries it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  reservationId!: string;

  @Column('uuid')
  quotaId!: string;

  @Column('char', { length: 2 })
  countryCode!: string;

  @Column('uuid')
  patientId!: string;

  @Column('uuid')
  courseId!: string;

  @Column('text')
  status!: ReferralStatus;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  returnedAt!: Date | null;
}
