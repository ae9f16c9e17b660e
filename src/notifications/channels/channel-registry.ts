import { Injectable } from '@nestjs/common';
import type { Channel } from '../notification-kinds';
import { NotificationChannel } from './channel';
import { EmailChannel } from './email.channel';
import { SmsChannel } from './sms.channel';
import { WebhookChannel } from './webhook.channel';

/** The channels by name: the relay asks which are on, delivery hands each notice to its own. */
@Injectable()
export class ChannelRegistry {
  private readonly byName: Record<Channel, NotificationChannel>;

  constructor(email: EmailChannel, sms: SmsChannel, webhook: WebhookChannel) {
    this.byName = { EMAIL: email, SMS: sms, WEBHOOK: webhook };
  }

  get(channel: Channel): NotificationChannel {
    return this.byName[channel];
  }

  enabled(channel: Channel): boolean {
    return this.byName[channel].enabled();
  }
}
