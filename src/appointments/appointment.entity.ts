import { ApiProperty } from '@nestjs/swagger';
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
  @ApiProperty({ type: String, format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  @Column('uuid')
  courseId!: string;

  @ApiProperty({ type: Number })
  @Column('int')
  fraction!: number;

  @ApiProperty({ type: String, format: 'uuid' })
  @Column('uuid')
  roomId!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  start!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  end!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  beamStart!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  beamEnd!: Date;

  @ApiProperty({ type: String })
  @Column('text')
  beamLine!: string;

  @ApiProperty({ type: Boolean })
  @Column('boolean')
  anesthesia!: boolean;

  @ApiProperty({ enum: APPOINTMENT_STATUSES })
  @Column('text')
  status!: AppointmentStatus;

  /** From appointment_version_seq on every insert/update (trigger); read-only for the app. */
  @ApiProperty({ type: String })
  @Column({ type: 'bigint', insert: false, update: false })
  version!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
