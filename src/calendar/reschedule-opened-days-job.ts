import type { OpenedDay } from '../scheduling';

/** Job name, data and deterministic id of the reschedule that follows a calendar change opening days. */
export const RESCHEDULE_OPENED_DAYS_JOB = 'reschedule-opened-days';

/** Audit entity of a calendar change's opened days (entity id: the change id). */
export const OPENING_ENTITY = 'calendar_opening';

export interface RescheduleOpenedDaysJobData {
  /** Made once per calendar change (and written in its audit row): the job's id and the reschedule's audit entity id. */
  changeId: string;
  opened: OpenedDay[];
}

/** '-' rather than ':' (BullMQ rejects custom ids with ':' unless split into exactly 3 parts). */
export function rescheduleOpenedDaysJobId(changeId: string): string {
  return `reschedule-opened-${changeId}`;
}
