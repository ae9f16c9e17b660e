import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COURSE_STATUSES, CourseStatus } from '../../courses/course.entity';
import { REFERRAL_STATUSES, ReferralStatus } from '../referral.entity';
import { FractionTimeView, REFERRAL_STATES, ReferralState, referralState, toFractionTime } from '../referral-progress';
import { countryTimeZone } from '../../countries/country-time-zone';

/** What a ministry sees of a referral: its patient's course status and first fraction. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reservationId!: string;
  @ApiProperty({ format: 'uuid' }) quotaId!: string;
  @ApiProperty({ example: 'KG' }) countryCode!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() patientName!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ enum: COURSE_STATUSES }) courseStatus!: CourseStatus;
  @ApiPropertyOptional({ nullable: true, description: 'Why the course is UNSCHEDULABLE or CANCELLED' }) courseReason!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Start of the first booked or given fraction' }) firstFractionAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: "First fraction's date in the center's time zone (YYYY-MM-DD)" })
  firstFractionDate!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) returnedAt!: string | null;
  @ApiProperty({
    enum: REFERRAL_STATES,
    description:
      'The referral in words: WAITING_FOR_PLACE (not booked yet), SCHEDULED (booked, from firstFraction), IN_TREATMENT (fractionsDone of fractionsTotal), ' +
      'COMPLETED, WITHDRAWN (by the ministry, or stopped after it began) or RETURNED (cancelled by the center before it began; the place went back)',
  })
  state!: ReferralState;
  @ApiProperty({ description: 'Fractions given' }) fractionsDone!: number;
  @ApiProperty({ description: 'Fractions prescribed' }) fractionsTotal!: number;
  @ApiPropertyOptional({ type: FractionTimeView, nullable: true, description: 'The first fraction (booked or given)' }) firstFraction!: FractionTimeView | null;
  @ApiPropertyOptional({ type: FractionTimeView, nullable: true, description: 'The next booked fraction not yet over' }) nextFraction!: FractionTimeView | null;
  @ApiProperty({ example: 'Asia/Almaty', description: "The center's time zone (centerLocal times)" }) centerTimeZone!: string;
  @ApiProperty({ example: 'Asia/Bishkek', description: "The referring country's time zone (ministryLocal times)" }) ministryTimeZone!: string;
}

export interface ReferralRow {
  id: string;
  reservation_id: string;
  quota_id: string;
  country_code: string;
  status: ReferralStatus;
  patient_id: string;
  patient_name: string;
  course_id: string;
  course_status: CourseStatus;
  course_reason: string | null;
  first_fraction_at: Date | null;
  first_fraction_date: string | null;
  created_at: Date;
  returned_at: Date | null;
  fractions_total: number;
  fractions_done: number;
  first_fraction: { start: string; end: string; roomName: string; status: string } | null;
  next_fraction: { start: string; end: string; roomName: string; status: string } | null;
  withdrawn_by_ministry: boolean;
  center_time_zone: string;
}

export function toReferralView(r: ReferralRow): ReferralView {
  const ministryZone = countryTimeZone(r.country_code, r.center_time_zone);
  return {
    id: r.id,
    reservationId: r.reservation_id,
    quotaId: r.quota_id,
    countryCode: r.country_code,
    status: r.status,
    patientId: r.patient_id,
    patientName: r.patient_name,
    courseId: r.course_id,
    courseStatus: r.course_status,
    courseReason: r.course_reason,
    firstFractionAt: r.first_fraction_at ? new Date(r.first_fraction_at).toISOString() : null,
    firstFractionDate: r.first_fraction_date,
    createdAt: new Date(r.created_at).toISOString(),
    returnedAt: r.returned_at ? new Date(r.returned_at).toISOString() : null,
    state: referralState({
      referralStatus: r.status,
      courseStatus: r.course_status,
      fractionsDone: r.fractions_done,
      withdrawnByMinistry: r.withdrawn_by_ministry,
    }),
    fractionsDone: r.fractions_done,
    fractionsTotal: r.fractions_total,
    firstFraction: r.first_fraction ? toFractionTime(r.first_fraction, r.center_time_zone, ministryZone) : null,
    nextFraction: r.next_fraction ? toFractionTime(r.next_fraction, r.center_time_zone, ministryZone) : null,
    centerTimeZone: r.center_time_zone,
    ministryTimeZone: ministryZone,
  };
}
