import { Booking, CenterConfig, CourseRequest, Violation } from '../types';
export function checkSchedule(center: CenterConfig, bookings: Booking[], courses: CourseRequest[]): Violation[] {
  void center; void bookings; void courses;
  throw new Error('not implemented yet');
}
export function checkBooking(center: CenterConfig, bookings: Booking[], course: CourseRequest, candidate: Booking): Violation[] {
  void center; void bookings; void course; void candidate;
  throw new Error('not implemented yet');
}
