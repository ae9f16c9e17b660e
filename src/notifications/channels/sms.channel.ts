import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { NotificationChannel, PreparedNotice } from './channel';

/**
 * What an SMS provider must do: accept one text for one E.164 number, resolve once it took it, throw
 * otherwise (the delivery service retries). A real gateway is a class implementing this, bound in
 * NotificationsModule as `{ provide: SMS_GATEWAY, useClass: YourGateway }` (docs/notifications.md).
 */
export interface SmsGateway {
  send(to: string, text: string): Promise<void>;
}

export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

/** The gateway we have here (none is reachable): it logs the masked number at info and the text at debug. */
@Injectable()
export class LoggingSmsGateway implements SmsGateway {
  private readonly logger = new Logger('SmsGateway');

  send(to: string, text: string): Promise<void> {
    this.logger.log(`SMS to ${maskPhone(to)} (${text.length} characters)`);
    this.logger.debug?.(`SMS text: ${text}`);
    return Promise.resolve();
  }
}

/** Keeps the country code and the last two digits: enough to tell numbers apart in a log. */
export function maskPhone(phone: string): string {
  return phone.length <= 6 ? '***' : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`;
}

@Injectable()
export class SmsChannel implements NotificationChannel {
  readonly channel = 'SMS' as const;

  constructor(
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly config: AppConfig,
  ) {}

  enabled(): boolean {
    return this.config.get('SMS_ENABLED') === 'true';
  }

  send(notice: PreparedNotice): Promise<void> {
    return this.gateway.send(notice.recipient, notice.text);
  }
}
