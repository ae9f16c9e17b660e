import type { Channel } from '../notification-kinds';

/** One notice ready to go out, whatever the channel: the channel decides what each field means to it. */
export interface PreparedNotice {
  notificationId: string;
  /** E-mail address, E.164 phone or the receiver's URL. */
  recipient: string;
  subject: string;
  /** The e-mail's text, the SMS, or the webhook's JSON body (signed as is). */
  text: string;
  /** Webhooks only: the receiver's signing secret. */
  secret?: string;
}

/**
 * A way of telling someone. `send` resolves once the other side accepted the notice (an SMTP server
 * queued it, a gateway took the SMS, a receiver answered 2xx) and throws otherwise; the delivery
 * service retries. Channels never log secrets or message bodies above debug.
 */
export interface NotificationChannel {
  readonly channel: Channel;
  /** Off channels get no notices at all (e.g. e-mail without SMTP_URL). */
  enabled(): boolean;
  send(notice: PreparedNotice): Promise<void>;
}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
