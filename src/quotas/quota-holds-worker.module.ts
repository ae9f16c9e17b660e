import { Module } from '@nestjs/common';
import { HoldExpiryProcessor } from './hold-expiry.processor';
import { ReservationsService } from './reservations.service';

/** Worker side: hold expiry jobs and the overdue-hold sweep (listed in WORKER_MODULES). */
@Module({ providers: [ReservationsService, HoldExpiryProcessor] })
export class QuotaHoldsWorkerModule {}
