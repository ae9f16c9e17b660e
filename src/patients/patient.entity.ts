import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

@Entity('patients')
export class Patient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  firstName!: string;

  @Column('text')
  lastName!: string;

  /** 'YYYY-MM-DD' (TypeORM returns date columns as strings; we keep them so). */
  @Column('date')
  birthDate!: string;

  @Column('text')
  sex!: Sex;

  @Column('char', { length: 2 })
  countryCode!: string;

  @Column('text', { nullable: true })
  mrn!: string | null;

  /** Set when the patient came through a ministry referral; the ministry of that country may read it. */
  @Column('char', { length: 2, nullable: true })
  referralCountryCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
