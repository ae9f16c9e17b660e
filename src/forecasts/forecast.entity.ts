import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ForecastResult } from '../scheduling';
import type { ForecastRequest } from './forecast-request';

export type ForecastStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

@Entity('forecasts')
export class Forecast {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'QUEUED' })
  status!: ForecastStatus;

  @Column({ type: 'double precision', default: 0 })
  progress!: number;

  @Column({ type: 'jsonb' })
  input!: ForecastRequest;

  @Column({ type: 'jsonb', nullable: true })
  result!: (ForecastResult & { meta?: Record<string, unknown> }) | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
