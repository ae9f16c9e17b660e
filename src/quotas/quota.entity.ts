import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Places per country, year and category. The counters are written only by the quota_ledger
 * trigger (never through this entity), and a CHECK keeps 0 <= reserved + used <= granted.
 */
@Entity('quotas')
export class Quota {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('char', { length: 2 })
  countryCode!: string;

  @Column('int')
  year!: number;

  @Column('text')
  category!: string;

  @Column('int')
  granted!: number;

  @Column('int')
  reserved!: number;

  @Column('int')
  used!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
