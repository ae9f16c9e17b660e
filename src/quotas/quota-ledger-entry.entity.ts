import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const LEDGER_KINDS = ['GRANT', 'RESERVE', 'USE', 'RELEASE', 'EXPIRE', 'RETURN'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One append-only change to a quota's counters (inserting it applies the deltas, see the migration). */
@Entity('quota_ledger')
export class QuotaLedgerEntry {
  /** bigserial: pg returns it as a string, which keeps it exact. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  quotaId!: string;

  @Column('text')
  kind!: LedgerKind;

  @Column('int')
  deltaGranted!: number;

  @Column('int')
  deltaReserved!: number;

  @Column('int')
  deltaUsed!: number;

  @Column('uuid', { nullable: true })
  reservationId!: string | null;

  @Column('uuid', { nullable: true })
  referralId!: string | null;

  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  @Column('text')
  actorUsername!: string;

  @Column('text')
  actorRole!: string;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('timestamptz')
  at!: Date;
}
