/**
 * Public entry points of the scheduling core. Pure: no clock, no I/O, no Math.random —
 * "now" and seeds are passed in.
 */
export * from './types';
export { allocateCourse, createPlanner, DEFAULT_RESERVATION, NO_RESERVATION } from './allocation/planner';
export type { Planner, PlannerOptions, ReservationPolicy } from './allocation/planner';
export { rescheduleForDowntime } from './rescheduling/reschedule-downtime';
export { rebookAtEnd, rescheduleMissed } from './rescheduling/reschedule-missed';
export { coursesLeftOnOpenedDays, openedDays, rescheduleForOpenedDays } from './rescheduling/reschedule-opened-days';
export type { OpenedDay, OpenedDaysResult } from './rescheduling/reschedule-opened-days';
export { checkSchedule, checkBooking } from './rules/check-schedule';
export { resolveCourseDefaults, addWorkingDays, defaultFractionMinutes, DUE_WORKING_DAYS } from './defaults/course-defaults';
export { demoCenter } from './defaults/demo-center';
export { kzHolidays } from './calendar/kz-holidays';
export type { Holiday } from './calendar/kz-holidays';
export { isOpenDay, openIntervals, anesthesiaWindow } from './calendar/calendar-queries';
export { physicalLimit, mixOf } from './metrics/physical-limit';
export type { PhysicalLimit } from './metrics/physical-limit';
export * as metrics from './metrics/plan-metrics';
export { idleBreakdown } from './metrics/idle-breakdown';
export type { IdleBreakdown } from './metrics/idle-breakdown';
export { planScenario, runScenario, scenarioToCenter, scenarioCourses } from './scenario/plan-scenario';
export { generateScenario } from './scenario/generate-scenario';
export type { GenerateScenarioOptions } from './scenario/generate-scenario';
export { mulberry32 } from './scenario/prng';
export { suggestAlternatives, DEFAULT_ALTERNATIVES } from './alternatives/suggest-alternatives';
export type { Alternative, AlternativesOptions } from './alternatives/suggest-alternatives';
