import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A kind of place a quota grants (e.g. PEDIATRIC_ONCOHEMATOLOGY); data, so admins add more. */
@Entity('quota_categories')
export class QuotaCategory {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  description!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
