import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Course } from './course.entity';

export interface CourseCancelledEvent {
  course: Course;
  /** Fractions already delivered before the cancel (a referral's place returns only when 0). */
  deliveredFractions: number;
}

export type CourseCancelledListener = (manager: EntityManager, event: CourseCancelledEvent) => Promise<void>;

/**
 * Lets other areas react to course changes inside the same transaction without this module
 * depending on them (the quotas area registers a listener that returns a referral's place).
 * A listener that throws rolls the whole cancel back.
 */
@Injectable()
export class CourseEvents {
  private readonly cancelled: CourseCancelledListener[] = [];

  onCancelled(listener: CourseCancelledListener): void {
    this.cancelled.push(listener);
  }

  async emitCancelled(manager: EntityManager, event: CourseCancelledEvent): Promise<void> {
    for (const listener of this.cancelled) await listener(manager, event);
  }
}
