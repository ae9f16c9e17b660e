import { ApiProperty } from '@nestjs/swagger';
import type { RoomKind, Urgency } from '../../scheduling';
import { DailyWindowDto } from '../../center/dto/daily-window.dto';
import { COURSE_STATUSES, Course, CourseStatus, DIAGNOSIS_GROUPS, DiagnosisGroup, URGENCIES } from '../course.entity';

/** A course as the API answers it (the entity stays inside the service). */
export class CourseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: DIAGNOSIS_GROUPS }) diagnosisGroup!: DiagnosisGroup;
  @ApiProperty({ enum: URGENCIES }) urgency!: Urgency;
  @ApiProperty() fractions!: number;
  @ApiProperty() fractionsPerWeek!: number;
  @ApiProperty() fractionMinutes!: number;
  @ApiProperty() beamMinutes!: number;
  @ApiProperty() beamOffsetMinutes!: number;
  @ApiProperty() requiresAnesthesia!: boolean;
  @ApiProperty({ enum: ['GANTRY', 'FIXED_BEAM'], isArray: true }) roomKinds!: RoomKind[];
  @ApiProperty({ format: 'date' }) earliestStart!: string;
  @ApiProperty({ format: 'date' }) dueStart!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    isArray: true,
    description: "Rule 10: the patient's unavailable dates (never booked; skipping them is the patient's absence, not an interruption)",
  })
  unavailableDates!: string[];
  @ApiProperty({ type: DailyWindowDto, nullable: true, description: "Soft: the patient's preferred local daily window" })
  preferredWindow!: DailyWindowDto | null;
  @ApiProperty({ enum: COURSE_STATUSES }) status!: CourseStatus;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() lateStart!: boolean;
  @ApiProperty() submissionNo!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId!: string | null;
  @ApiProperty({ type: String, nullable: true }) referralCountryCode!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export function toCourseView(c: Course): CourseView {
  return {
    id: c.id,
    patientId: c.patientId,
    diagnosisGroup: c.diagnosisGroup,
    urgency: c.urgency,
    fractions: c.fractions,
    fractionsPerWeek: c.fractionsPerWeek,
    fractionMinutes: c.fractionMinutes,
    beamMinutes: c.beamMinutes,
    beamOffsetMinutes: c.beamOffsetMinutes,
    requiresAnesthesia: c.requiresAnesthesia,
    roomKinds: c.roomKinds,
    earliestStart: c.earliestStart,
    dueStart: c.dueStart,
    unavailableDates: c.unavailableDates ?? [],
    preferredWindow: c.preferredWindow ?? null,
    status: c.status,
    reason: c.reason,
    lateStart: c.lateStart,
    submissionNo: c.submissionNo,
    submittedAt: c.submittedAt,
    referralId: c.referralId,
    referralCountryCode: c.referralCountryCode,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export class CoursePatientView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aigerim Testova' }) fullName!: string;
  @ApiProperty({ type: String, nullable: true }) mrn!: string | null;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ example: 'KZ' }) countryCode!: string;
}

export class FractionAtView {
  @ApiProperty({ format: 'date-time', description: 'With the center offset' }) start!: string;
  @ApiProperty({ format: 'date' }) localDate!: string;
  @ApiProperty({ example: '09:30' }) localTime!: string;
}

/** A course with what a person reads in a list: the patient, progress and first and last fraction. */
export class CourseSummaryView extends CourseView {
  @ApiProperty({ type: CoursePatientView }) patient!: CoursePatientView;
  @ApiProperty({ description: 'Fractions delivered' }) delivered!: number;
  @ApiProperty({ description: 'Fractions booked and still to come or to record' }) booked!: number;
  @ApiProperty({ type: FractionAtView, nullable: true, description: 'Earliest fraction booked, delivered or missed' }) firstFraction!: FractionAtView | null;
  @ApiProperty({ type: FractionAtView, nullable: true, description: 'Latest fraction booked or delivered' }) lastFraction!: FractionAtView | null;
  @ApiProperty({ description: 'Under way with a prescribed fraction neither booked nor delivered' }) needsRebooking!: boolean;
  @ApiProperty({ description: 'Under 18 at the earliest start' }) pediatric!: boolean;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'With a preferred window: whether every booked or delivered fraction lies inside it; null without a window or fractions',
  })
  preferredWindowMet!: boolean | null;
  @ApiProperty({ description: "Rule 9: a booked fraction treats the child outside the center's pediatric hours (booked before the rule; move it)" })
  breaksPediatricHours!: boolean;
}
