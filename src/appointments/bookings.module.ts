import { Module } from '@nestjs/common';
import { BookingCacheService } from './booking-cache.service';

/** The process-wide booking cache, shared by the HTTP services and the workers of one process. */
@Module({ providers: [BookingCacheService], exports: [BookingCacheService] })
export class BookingsModule {}
