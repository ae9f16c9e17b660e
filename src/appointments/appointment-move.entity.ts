import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why and by whom an appointment moved (downtime, missed fraction, coordinator). */
@Entity('appointment_moves')
export class AppointmentMove {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  appointmentId!: string;

  @Column('uuid', { nullable: true })
  fromRoomId!: string | null;

  @Column('timestamptz', { nullable: true })
  fromStart!: Date | null;

  @Column('uuid', { nullable: true })
  toRoomId!: string | null;

  @Column('timestamptz', { nullable: true })
  toStart!: Date | null;

  @Column('text')
  reason!: string;

  @Column('text')
  movedBy!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}
