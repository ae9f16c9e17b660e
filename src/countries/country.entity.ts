import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A country whose ministry may hold quotas; `partner` marks those with a cross-border agreement. */
@Entity('countries')
export class Country {
  @PrimaryColumn('char', { length: 2 })
  code!: string;

  @Column('text')
  name!: string;

  @Column('boolean')
  partner!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
