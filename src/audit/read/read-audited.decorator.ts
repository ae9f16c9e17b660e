import { SetMetadata } from '@nestjs/common';

export const READ_AUDITED_KEY = 'read-audited';

export interface ReadAuditSpec<T> {
  /** `entity.verb` recorded for the request, e.g. `course.read`. */
  action: string;
  /** The patients the answer showed; an answer showing none is not recorded. */
  patients: (body: T) => Array<string | undefined | null>;
  /** Route parameter naming what was read (`id`), when there is one. */
  param?: string;
}

/**
 * Marks a GET whose answer shows patients: when a coordinator or a ministry calls it, the
 * ReadAuditInterceptor records who read which patients before the answer leaves.
 *
 *   @ReadAudited({ action: 'course.read', patients: (c: CourseSummaryView) => [c.patient.id], param: 'id' })
 */
export const ReadAudited = <T>(spec: ReadAuditSpec<T>) => SetMetadata(READ_AUDITED_KEY, spec);
