import { ApiProperty } from '@nestjs/swagger';
import type { NationalIdSystem } from './national-id';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GuardianRelation, NoticeLanguage } from './patient-contact';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

@Entity('patients')
export class Patient {
  @ApiProperty({ type: String, format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ type: String })
  @Column('text')
  firstName!: string;

  @ApiProperty({ type: String })
  @Column('text')
  lastName!: string;

  /** 'YYYY-MM-DD' (TypeORM returns date columns as strings; we keep them so). */
  @ApiProperty({ type: String, format: 'date' })
  @Column('date')
  birthDate!: string;

  @ApiProperty({ enum: SEXES })
  @Column('text')
  sex!: Sex;

  @ApiProperty({ type: String })
  @Column('char', { length: 2 })
  countryCode!: string;

  @ApiProperty({ type: String, nullable: true })
  @Column('text', { nullable: true })
  mrn!: string | null;

  /** Set when the patient came through a ministry referral; the ministry of that country may read it. */
  @ApiProperty({ type: String, nullable: true })
  @Column('char', { length: 2, nullable: true })
  referralCountryCode!: string | null;

  /** Contact details (issue #22): E.164 phone, e-mail, the language notices are written in. */
  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  preferredLanguage!: NoticeLanguage | null;

  /** A child's guardian, who gets the notices when they have a contact of their own. */
  @Column('text', { nullable: true })
  guardianName!: string | null;

  @Column('text', { nullable: true })
  guardianRelation!: GuardianRelation | null;

  @Column('text', { nullable: true })
  guardianPhone!: string | null;

  @Column('text', { nullable: true })
  guardianEmail!: string | null;
  /** KZ IIN, KG PIN or UZ PINFL; unique per system (patients_national_id_uq). */
  @Column('text', { nullable: true })
  nationalIdSystem!: NationalIdSystem | null;

  @Column('text', { nullable: true })
  nationalIdValue!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
