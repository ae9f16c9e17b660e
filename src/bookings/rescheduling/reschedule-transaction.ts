import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BookingCacheService } from '../../appointments/booking-cache.service';
import { lockBookings } from '../../database/booking-lock';
import { CenterConfigService } from '../../center/center-config.service';
import { addCourseReason } from '../../courses/course-reason';
import type { Booking, CenterConfig } from '../../scheduling';

/** What a reschedule works on: its transaction, the instant it runs at, the calendar and the live bookings as they are now. */
export interface RescheduleContext<S> {
  m: EntityManager;
  subject: S;
  now: Date;
  center: CenterConfig;
  live: Booking[];
}

/**
 * The skeleton every reschedule (a downtime's, a calendar opening's) shares: one transaction under the
 * bookings lock, so it sees the last writer's commit and all its moves commit or none do; `claim` reads
 * (and locks) what the job is about and answers null when a redelivered job finds it done, so a job runs
 * its moves and its audit entry once.
 */
@Injectable()
export class RescheduleTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
    private readonly cache: BookingCacheService,
  ) {}

  run<S, R>(claim: (m: EntityManager) => Promise<S | null>, work: (ctx: RescheduleContext<S>) => Promise<R>): Promise<R | null> {
    return this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const subject = await claim(m);
      if (subject === null) return null;
      const now = new Date();
      const center = await this.centerConfig.load(m);
      const live = await this.cache.current(m, now);
      return work({ m, subject, now, center, live });
    });
  }
}

/** The reason a coordinator sees on each course the core could not reschedule as asked. */
export async function recordReasons(m: EntityManager, prefix: string, courses: Array<{ courseId: string; reason: string }>): Promise<void> {
  for (const u of courses) await addCourseReason(m, u.courseId, `${prefix}: ${u.reason}`);
}
