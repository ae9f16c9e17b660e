import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { PatientsModule } from '../patients/patients.module';
import { ChannelRegistry } from './channels/channel-registry';
import { EmailChannel } from './channels/email.channel';
import { LoggingSmsGateway, SMS_GATEWAY, SmsChannel } from './channels/sms.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveryService } from './delivery.service';
import { NotificationLogController } from './notification-log.controller';
import { NotificationLogService } from './notification-log.service';
import { OutboxRelay } from './outbox-relay.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Notices (listed in API_MODULES): ministry receivers, the notification log, the channels, the relay
 * and delivery services the worker side runs. A real SMS gateway replaces LoggingSmsGateway here.
 */
@Module({
  imports: [PatientsModule, CenterModule],
  controllers: [WebhooksController, NotificationLogController],
  providers: [
    WebhooksService,
    NotificationLogService,
    EmailChannel,
    WebhookChannel,
    SmsChannel,
    { provide: SMS_GATEWAY, useClass: LoggingSmsGateway },
    ChannelRegistry,
    OutboxRelay,
    DeliveryService,
  ],
  exports: [OutboxRelay, DeliveryService],
})
export class NotificationsModule {}
