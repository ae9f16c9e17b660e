import { ApiProperty } from '@nestjs/swagger';
import { APPOINTMENT_STATUSES, AppointmentStatus } from '../appointment.entity';

export class AppointmentPatientView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aigerim Testova' }) fullName!: string;
}

/** An appointment as the API answers it: the stored row plus what a person reads (room, patient, local time). */
export class AppointmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() fraction!: number;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ example: 'G1' }) roomName!: string;
  @ApiProperty({ format: 'date-time' }) start!: Date;
  @ApiProperty({ format: 'date-time' }) end!: Date;
  @ApiProperty({ format: 'date-time' }) beamStart!: Date;
  @ApiProperty({ format: 'date-time' }) beamEnd!: Date;
  @ApiProperty({ format: 'date', description: 'Center time zone' }) localDate!: string;
  @ApiProperty({ example: '09:30' }) localTime!: string;
  @ApiProperty({ example: '10:00' }) localEndTime!: string;
  @ApiProperty() beamLine!: string;
  @ApiProperty() anesthesia!: boolean;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status!: AppointmentStatus;
  @ApiProperty({ description: 'Changes with every write (optimistic concurrency)' }) version!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: AppointmentPatientView }) patient!: AppointmentPatientView;
}
