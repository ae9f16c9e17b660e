/**
 * Public entry points of the scheduling core. Pure: no clock, no I/O, no Math.random —
 * "now" and seeds are passed in. Code outside src/scheduling (bench and test included) imports
 * the core from here only; the core's own files and specs may import each other directly.
 */
export * from './types';
export { dayNumOf, formatDate, parseDate, weekdayIndex, weekId, ymd } from './time/civil-day';
export type { DayNum } from './time/civil-day';
export { formatInstant, localDayOf, localMidnight, localToEpochMin, parseInstant } from './time/zone';
export { createPlanner, LIVE_PLANNER_OPTIONS, FORECAST_PLANNER_OPTIONS, DEFAULT_RESERVATION, NO_RESERVATION, SHIFT_RESERVATION } from './allocation/planner';
export type { Planner, PlannerOptions, ReservationPolicy } from './allocation/planner';
export { checkShifts, DEFAULT_SHIFT_POLICY, firstShiftableDay, patientKeyOf, SHIFT_REASON_PREFIX } from './allocation/shift-limits';
export type { ShiftCheckContext, ShiftPolicy } from './allocation/shift-limits';
export type { EarlyStart } from './allocation/early-start';
// Building blocks of the planner, for the first-fit baseline and benchmarks in bench/.
export { calendarFor, profileOf } from './calendar/center-calendar';
export { subtract } from './calendar/intervals';
export type { Interval } from './calendar/intervals';
export { BookingIndex, toBooking } from './allocation/booking-index';
export { shapeOf, SlotFinder } from './allocation/slot-finder';
export { clearLaneTemplateCache } from './allocation/lane-template';
export { rescheduleForDowntime } from './rescheduling/reschedule-downtime';
export { rebookAtEnd, rescheduleMissed } from './rescheduling/reschedule-missed';
export { coursesLeftOnOpenedDays, openedDays, rescheduleForOpenedDays } from './rescheduling/reschedule-opened-days';
export type { OpenedDay, OpenedDaysResult } from './rescheduling/reschedule-opened-days';
export { checkSchedule, checkBooking } from './rules/check-schedule';
export { resolveCourseDefaults, addWorkingDays, defaultFractionMinutes, DUE_WORKING_DAYS } from './defaults/course-defaults';
export { DEFAULT_BEAM_OFFSET_MINUTES } from './defaults/course-defaults';
export { demoCenter } from './defaults/demo-center';
export { kzHolidays } from './calendar/kz-holidays';
export type { Holiday } from './calendar/kz-holidays';
export { isOpenDay, openIntervals, anesthesiaWindow } from './calendar/calendar-queries';
export { physicalLimit, mixOf } from './metrics/physical-limit';
export type { PhysicalLimit } from './metrics/physical-limit';
export * as metrics from './metrics/plan-metrics';
export { planMetrics } from './metrics/plan-metrics';
export { percentile } from './metrics/percentile';
export { idleBreakdown } from './metrics/idle-breakdown';
export type { IdleBreakdown } from './metrics/idle-breakdown';
export { planScenario, runScenario, scenarioToCenter, scenarioCourses } from './scenario/plan-scenario';
export { generateScenario } from './scenario/generate-scenario';
export type { GenerateScenarioOptions } from './scenario/generate-scenario';
export { validateScenario } from './scenario/validate-scenario';
export { aggregateRuns, caseMix, categoryKey, defaultArrivals, drawArrivals, estimateArrivals, isoWeekLabel, MAX_HORIZON_WEEKS, MAX_RUNS } from './forecast';
export {
  prepareForecast,
  runForecast,
  runRng,
  simulateRun,
  toCourseRequest,
  applyDowntimeWhatIfs,
  applyCenterChanges,
  describeHeadline,
  scenarioLabel,
  DEFAULT_RATE_DRIFT,
} from './forecast';
export { backTestCase, backTestCases, calibrationTable } from './forecast';
export type { BackTestOutcome, CalibrationFigure } from './forecast';
export { percentile as quantile } from './forecast';
export { profileMinutes } from './forecast/arrival-model';
export type {
  ArrivalCategory,
  Band,
  ForecastChanges,
  ForecastHeadline,
  ForecastInput,
  ForecastProgress,
  ForecastResult,
  ForecastWeek,
  QuotaDemand,
  RunSummary,
  SubmissionRecord,
} from './forecast';
export { mulberry32 } from './scenario/prng';
export { suggestAlternatives, DEFAULT_ALTERNATIVES, DEFAULT_SEARCH_DAYS } from './alternatives/suggest-alternatives';
export type { Alternative, AlternativesOptions } from './alternatives/suggest-alternatives';
export { adultFromDay, unavailableDaysOf, DEFAULT_PEDIATRIC_HOURS } from './calendar/patient-days';
export { preferenceOutcome, PreferenceOutcome } from './calendar/preferred-window';
