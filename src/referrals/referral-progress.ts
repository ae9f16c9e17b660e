import { ApiProperty } from '@nestjs/swagger';
import type { CourseStatus } from '../courses/course.entity';
import { formatInstant } from '../scheduling';
import type { ReferralStatus } from './referral.entity';

export const REFERRAL_STATES = ['WAITING_FOR_PLACE', 'SCHEDULED', 'IN_TREATMENT', 'COMPLETED', 'WITHDRAWN', 'RETURNED'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** A fraction's time as a ministry reads it: the instant, and the local time at the center and at home. */
export class FractionTimeView {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ example: '2026-12-14T09:00+05:00', description: "Start in the center's time zone, with its offset" }) centerLocalStart!: string;
  @ApiProperty({ example: '2026-12-14T10:00+06:00', description: "Start in the ministry's country time zone, with its offset" }) ministryLocalStart!: string;
  @ApiProperty({ example: 'G2', description: 'The treatment room' }) roomName!: string;
  @ApiProperty({ enum: ['BOOKED', 'DELIVERED', 'MISSED'] }) status!: string;
}

/**
 * One state a ministry official can read in words. A referral whose place went back is WITHDRAWN when its
 * ministry withdrew the patient, RETURNED when the center cancelled the course before it began; a course
 * stopped after it began (its place stays used) is WITHDRAWN too.
 */
export function referralState(r: {
  referralStatus: ReferralStatus;
  courseStatus: CourseStatus;
  fractionsDone: number;
  withdrawnByMinistry: boolean;
}): ReferralState {
  if (r.referralStatus === 'RETURNED') return r.withdrawnByMinistry ? 'WITHDRAWN' : 'RETURNED';
  switch (r.courseStatus) {
    case 'COMPLETED':
      return 'COMPLETED';
    case 'CANCELLED':
      return 'WITHDRAWN';
    case 'IN_TREATMENT':
      return 'IN_TREATMENT';
    case 'SCHEDULED':
      return r.fractionsDone > 0 ? 'IN_TREATMENT' : 'SCHEDULED';
    default:
      return 'WAITING_FOR_PLACE';
  }
}

export function toFractionTime(
  f: { start: string; end: string; roomName: string; status: string },
  centerZone: string,
  ministryZone: string,
): FractionTimeView {
  const minute = Math.floor(Date.parse(f.start) / 60_000);
  return {
    start: new Date(f.start).toISOString(),
    end: new Date(f.end).toISOString(),
    centerLocalStart: formatInstant(centerZone, minute),
    ministryLocalStart: formatInstant(ministryZone, minute),
    roomName: f.roomName,
    status: f.status,
  };
}
