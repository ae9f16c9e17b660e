import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why and by whom an appointment moved (downtime, missed fraction, coordinator). */
@Entity('appointment_moves')
export class AppointmentMove {
  @ApiProperty({ type: String, format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  @Column('uuid')
  appointmentId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Column('uuid', { nullable: true })
  fromRoomId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @Column('timestamptz', { nullable: true })
  fromStart!: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Column('uuid', { nullable: true })
  toRoomId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @Column('timestamptz', { nullable: true })
  toStart!: Date | null;

  @ApiProperty({ type: String })
  @Column('text')
  reason!: string;

  @ApiProperty({ type: String })
  @Column('text')
  movedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}
