import { Booking, CenterConfig, CourseRequest, Move } from '../types';
export function rescheduleMissed(center: CenterConfig, bookings: Booking[], course: CourseRequest, missedBookingId: string, now: string): { moves: Move[]; unschedulable?: string } {
  void center; void bookings; void course; void missedBookingId; void now;
  throw new Error('not implemented yet');
}
