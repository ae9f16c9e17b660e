import { ApiProperty } from '@nestjs/swagger';
import { APPOINTMENT_STATUSES, AppointmentStatus } from '../../appointments/appointment.entity';
import { URGENCIES } from '../../courses/course.entity';
import type { RoomKind, Urgency } from '../../scheduling';

/** Instants as ISO 8601 with the center's offset, so the console can read the wall clock off them. */
export class IntervalView {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
}

export class BoardRoomView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'G1' }) name!: string;
  @ApiProperty({ enum: ['GANTRY', 'FIXED_BEAM'] }) kind!: RoomKind;
  @ApiProperty() active!: boolean;
}

export class BoardDowntimeView extends IntervalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reason!: string;
}

export class RoomDayView {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ type: IntervalView, isArray: true, description: 'Opening hours (QA block included)' }) open!: IntervalView[];
  @ApiProperty({ type: IntervalView, nullable: true, description: 'The daily QA block at the start of the hours' }) qa!: IntervalView | null;
  @ApiProperty({ type: BoardDowntimeView, isArray: true }) downtimes!: BoardDowntimeView[];
  @ApiProperty({ type: IntervalView, isArray: true, description: 'Bookable gaps of at least 26 minutes (open minus QA, downtime and booked fractions)' })
  free!: IntervalView[];
}

export class DayInfoView {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'No room opens: a holiday, a closure or a day without hours (weekend)' }) closed!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The holiday or closure; null on an open day or a plain weekend' }) closureReason!: string | null;
  @ApiProperty({ type: IntervalView, isArray: true }) anesthesiaWindows!: IntervalView[];
  @ApiProperty({ type: RoomDayView, isArray: true }) rooms!: RoomDayView[];
}

export class PatientNameView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aigerim Testova' }) fullName!: string;
}

export class BoardAppointmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() fraction!: number;
  @ApiProperty({ description: 'Prescribed fractions of the course (the N of n/N)' }) fractions!: number;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty() roomName!: string;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ format: 'date-time' }) beamStart!: string;
  @ApiProperty({ format: 'date-time' }) beamEnd!: string;
  @ApiProperty({ format: 'date' }) localDate!: string;
  @ApiProperty({ example: '09:30' }) localTime!: string;
  @ApiProperty({ example: '10:00' }) localEndTime!: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status!: AppointmentStatus;
  @ApiProperty() requiresAnesthesia!: boolean;
  @ApiProperty({ description: 'Under 18 at the course start' }) pediatric!: boolean;
  @ApiProperty({ enum: URGENCIES }) urgency!: Urgency;
  @ApiProperty({ type: PatientNameView }) patient!: PatientNameView;
}

export class BoardView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ example: 'Asia/Almaty' }) timezone!: string;
  @ApiProperty() sharedBeam!: boolean;
  @ApiProperty({ type: BoardRoomView, isArray: true }) rooms!: BoardRoomView[];
  @ApiProperty({ type: DayInfoView, isArray: true }) dayInfo!: DayInfoView[];
  @ApiProperty({ type: BoardAppointmentView, isArray: true, description: 'Booked, delivered and missed fractions (not cancelled), by start' })
  appointments!: BoardAppointmentView[];
}
