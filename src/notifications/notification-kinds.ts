/** What the outbox records (written by the triggers of migration 1765100000000). */
export const EVENT_TYPES = [
  'course.scheduled',
  'fraction.moved',
  'fraction.cancelled',
  'course.unschedulable',
  'course.cancelled',
  'referral.status-changed',
  'hold.expiring',
  'hold.expired',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What a patient (or guardian) is told. An unschedulable course is the coordinator's to explain by
 * phone, and referral and hold changes are the ministry's business: those go to the ministry only.
 */
export const PATIENT_EVENT_TYPES: readonly EventType[] = ['course.scheduled', 'fraction.moved', 'fraction.cancelled', 'course.cancelled'];

export const CHANNELS = ['EMAIL', 'SMS', 'WEBHOOK'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'DELIVERED', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One outbox row as delivery reads it. */
export interface OutboxEvent {
  id: string;
  type: EventType;
  patientId: string | null;
  courseId: string | null;
  referralId: string | null;
  reservationId: string | null;
  countryCode: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export const OUTBOX_EVENT_COLUMNS = `id, type, patient_id AS "patientId", course_id AS "courseId", referral_id AS "referralId",
  reservation_id AS "reservationId", country_code AS "countryCode", payload, occurred_at AS "occurredAt"`;
