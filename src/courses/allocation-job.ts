/** Job name and deterministic, versioned job id for allocating one submission of a course. */
export const ALLOCATE_COURSE_JOB = 'allocate-course';

export interface AllocateCourseJobData {
  courseId: string;
  submissionNo: number;
}

/** '-' rather than ':' because BullMQ rejects custom ids containing ':' unless split into exactly 3 parts. */
export function allocationJobId(courseId: string, submissionNo: number): string {
  return `allocate-${courseId}-${submissionNo}`;
}
