import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A patient's calendar subscription link; the token itself is never stored, only its SHA-256. */
@Entity('calendar_links')
export class CalendarLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  patientId!: string;

  @Column('bytea')
  tokenHash!: Buffer;

  @Column('text')
  issuedBy!: string;

  @Column('timestamptz', { default: () => 'now()' })
  issuedAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
