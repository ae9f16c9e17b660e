import { CenterConfig, CourseRequest, PlanAppointment, PlanMetrics } from '../types';
export function planMetrics(center: CenterConfig, courses: CourseRequest[], appointments: PlanAppointment[], window: { from: string; to: string }): PlanMetrics {
  void center; void courses; void appointments; void window;
  throw new Error('not implemented yet');
}
