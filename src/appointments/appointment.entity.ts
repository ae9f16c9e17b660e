import { Column, CreateDateColumn, Entity, Exclusion, PrimaryGeneratedColumn } from 'typeorm';

export const APPOINTMENT_STATUSES = ['BOOKED', 'DELIVERED', 'MISSED', 'CANCELLED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** beam_line value when every room shares the accelerator (otherwise the room id). */
export const SHARED_BEAM_LINE = 'main';

/** Kept in sync with the migration so a generated migration never drops the constraints (typeorm#2698). */
@Entity('appointments')
@Exclusion('appointments_no_room_overlap', `USING gist (room_id WITH =, tstzrange(start, "end") WITH &&) WHERE (status = 'BOOKED')`)
@Exclusion('appointments_no_beam_overlap', `USING gist (beam_line WITH =, tstzrange(beam_start, beam_end) WITH &&) WHERE (status = 'BOOKED')`)
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  courseId!: string;

  @Column('int')
  fraction!: number;

  @Column('uuid')
  roomId!: string;

  @Column('timestamptz')
  start!: Date;

  @Column('timestamptz')
  end!: Date;

  @Column('timestamptz')
  beamStart!: Date;

  @Column('timestamptz')
  beamEnd!: Date;

  @Column('text')
  beamLine!: string;

  @Column('boolean')
  anesthesia!: boolean;

  @Column('text')
  status!: AppointmentStatus;

  /** From appointment_version_seq on every insert/update (trigger); read-only for the app. */
  @Column({ type: 'bigint', insert: false, update: false })
  version!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
