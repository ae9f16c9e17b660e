import { AllocationOptions, AllocationResult, Booking, CenterConfig, CourseRequest } from '../types';

export interface ReservationPolicy {
  enabled: boolean;
}
export const DEFAULT_RESERVATION: ReservationPolicy = { enabled: true };
export interface PlannerOptions {
  reservation?: ReservationPolicy;
}
export interface Planner {
  allocate(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  bookings(): Booking[];
}
export function createPlanner(center: CenterConfig, existing: Booking[], options: PlannerOptions = {}): Planner {
  void center; void existing; void options;
  throw new Error('createPlanner: not implemented yet');
}
export function allocateCourse(center: CenterConfig, existing: Booking[], course: CourseRequest, opts: AllocationOptions): AllocationResult {
  return createPlanner(center, existing).allocate(course, opts);
}
