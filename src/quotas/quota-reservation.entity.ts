import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RESERVATION_STATUSES = ['HELD', 'EXHAUSTED', 'RELEASED', 'EXPIRED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * A hold on `count` places of a quota until `expiresAt`. `remaining` is what referrals may still
 * use; a HELD reservation always has remaining > 0 (database CHECK), the other states have 0.
 */
@Entity('quota_reservations')
export class QuotaReservation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  quotaId!: string;

  /** Copied from the quota so country scoping is a plain filter on this table. */
  @Column('char', { length: 2 })
  countryCode!: string;

  @Column('int')
  count!: number;

  @Column('int')
  remaining!: number;

  @Column('text')
  status!: ReservationStatus;

  /** The hold asked for; `expiresAt` is when it ends. */
  @Column('int')
  holdDays!: number;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;
}
