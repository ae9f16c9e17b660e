import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, Channel, EVENT_TYPES, EventType, NOTIFICATION_STATUSES, NotificationStatus } from '../notification-kinds';

/** One line of the notification log: what was sent to whom, when, by which channel, and how it went. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: NotificationStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) patientId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) referralId!: string | null;
  @ApiProperty({ type: String, nullable: true }) countryCode!: string | null;
  @ApiProperty({ description: 'E-mail address, phone number or receiver URL' }) recipient!: string;
  @ApiProperty({ type: String, nullable: true }) language!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The e-mail's subject, or the webhook's event types" }) subject!: string | null;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true, description: 'The events the notice carried, oldest first' }) eventTypes!: EventType[];
  @ApiProperty({ type: [String], description: 'Stable event ids (receivers drop duplicates by them)' }) eventIds!: string[];
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a PENDING notice is tried (again)' }) nextAttemptAt!: Date | null;
}

export const NOTIFICATION_VIEW_SQL = `
  SELECT n.id, n.channel, n.status, n.patient_id AS "patientId", n.referral_id AS "referralId", n.country_code AS "countryCode",
         n.recipient, n.language, n.subject, n.event_ids::text[] AS "eventIds",
         ARRAY(SELECT e.type FROM outbox_events e WHERE e.id = ANY (n.event_ids) ORDER BY e.seq) AS "eventTypes",
         n.attempts, n.last_error AS "lastError", n.created_at AS "createdAt", n.delivered_at AS "deliveredAt", n.failed_at AS "failedAt",
         CASE WHEN n.status IN ('PENDING', 'SENDING') THEN n.next_attempt_at END AS "nextAttemptAt"
    FROM notifications n`;
