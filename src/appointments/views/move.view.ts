import { ApiProperty } from '@nestjs/swagger';
import { MOVE_REASON_KINDS, MoveReasonKind } from '../move-reason';
import { AppointmentPatientView } from './appointment.view';

export class MovePlaceView {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ example: 'G1' }) roomName!: string;
  @ApiProperty({ format: 'date-time', description: 'With the center offset' }) start!: string;
  @ApiProperty({ format: 'date' }) localDate!: string;
  @ApiProperty({ example: '09:30' }) localTime!: string;
}

/** One move or cancel of a fraction, with what a coordinator calling the patient needs. */
export class MoveView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() fraction!: number;
  @ApiProperty({ description: 'Prescribed fractions (the N of n/N)' }) fractions!: number;
  @ApiProperty({ type: AppointmentPatientView }) patient!: AppointmentPatientView;
  @ApiProperty({ type: MovePlaceView, nullable: true, description: 'Where it was (null: newly booked)' }) from!: MovePlaceView | null;
  @ApiProperty({ type: MovePlaceView, nullable: true, description: 'Where it is now (null: cancelled)' }) to!: MovePlaceView | null;
  @ApiProperty({ description: 'The fraction lost its place and must be booked again' }) cancelled!: boolean;
  @ApiProperty({ enum: MOVE_REASON_KINDS }) reasonKind!: MoveReasonKind;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: Date;
  @ApiProperty({ description: 'Username, or system for a job' }) by!: string;
  @ApiProperty({ description: 'The same as `by` (the name the history had first)' }) movedBy!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) fromRoomId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fromStart!: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) toRoomId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) toStart!: Date | null;
}
