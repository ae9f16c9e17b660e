import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COURSE_STATUSES, CourseStatus } from '../courses/course.entity';
import { REFERRAL_STATUSES, ReferralStatus } from './referral.entity';

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
}

export function toReferralView(r: ReferralRow): ReferralView {
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
  };
}
