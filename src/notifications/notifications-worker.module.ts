import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module';
import { NotificationsReconcileCheck } from './notifications-reconcile.check';
import { NotifyProcessor } from './notify.processor';
import { OutboxRelayRunner } from './outbox-relay.runner';

/** Worker side of notices (listed in WORKER_MODULES): the relay's timer, deliveries, and the reconcile check. */
@Module({
  imports: [NotificationsModule],
  providers: [OutboxRelayRunner, NotifyProcessor, NotificationsReconcileCheck],
})
export class NotificationsWorkerModule {}
