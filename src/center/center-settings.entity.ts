import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyHours } from '../scheduling';

export type HolidayCalendar = 'KZ' | 'NONE';

/** A local daily window, 'HH:mm' to 'HH:mm'. */
export interface DailyWindow {
  from: string;
  to: string;
}

/** The single row (id = 1) of center-wide calendar and capacity settings. */
@Entity('center_settings')
export class CenterSettingsRow {
  @PrimaryColumn('smallint')
  id!: number;

  @Column('text')
  timeZone!: string;

  @Column('jsonb')
  hours!: WeeklyHours;

  @Column('int')
  qaMinutes!: number;

  @Column('jsonb')
  anesthesiaWindows!: WeeklyHours;

  @Column('int')
  anesthesiaTeams!: number;

  @Column('boolean')
  sharedBeam!: boolean;

  @Column('text')
  holidays!: HolidayCalendar;

  /** Rule 9: local hours children are treated in. */
  @Column('jsonb')
  pediatricHours!: DailyWindow;

  @Column('int')
  horizonWeeks!: number;

  @Column('int')
  annualCapacity!: number;

  /** numeric comes back from pg as a string; the transformer keeps it a number in the app. */
  @Column('numeric', { precision: 5, scale: 4, transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  crossBorderShare!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
