import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CLOSURE_KINDS = ['CLOSURE', 'WORKING_DAY'] as const;
/** CLOSURE closes an otherwise open date; WORKING_DAY opens a normally closed one (a decree-moved day). */
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

@Entity('closures')
export class Closure {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 'YYYY-MM-DD' in the center's time zone (pg date columns stay strings). */
  @ApiProperty({ example: '2026-12-31' })
  @Column('date')
  date!: string;

  @ApiProperty({ enum: CLOSURE_KINDS })
  @Column('text')
  kind!: ClosureKind;

  @ApiProperty()
  @Column('text')
  reason!: string;

  @ApiProperty()
  @Column('text')
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
