/** Job name, data and deterministic, versioned id of the reschedule that follows a new downtime. */
export const RESCHEDULE_DOWNTIME_JOB = 'reschedule-downtime';

export interface RescheduleDowntimeJobData {
  downtimeId: string;
  attempt: number;
}

/** '-' rather than ':' because BullMQ rejects custom ids containing ':' unless split into exactly 3 parts. */
export function rescheduleDowntimeJobId(downtimeId: string, attempt: number): string {
  return `reschedule-downtime-${downtimeId}-${attempt}`;
}
