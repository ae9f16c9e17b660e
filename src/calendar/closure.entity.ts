import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CLOSURE_KINDS = ['CLOSURE', 'WORKING_DAY'] as const;
/** CLOSURE closes an otherwise open date; WORKING_DAY opens a normally closed one (a decree-moved day). */
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

@Entity('closures')
export class Closure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 'YYYY-MM-DD' in the center's time zone (pg date columns stay strings). */
  @Column('date')
  date!: string;

  @Column('text')
  kind!: ClosureKind;

  @Column('text')
  reason!: string;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
