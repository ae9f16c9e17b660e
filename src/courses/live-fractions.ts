/**
 * SQL for how many of a course's prescribed fractions are booked or given: each fraction number
 * once, however many rows it has (a MISSED record beside its replacement). A course under way with
 * fewer than its `fractions` needs a coordinator to book one again. `courseId` is an SQL expression.
 */
export function liveFractionsSql(courseId: string): string {
  return `(SELECT count(DISTINCT a.fraction)::int FROM appointments a WHERE a.course_id = ${courseId} AND a.status IN ('BOOKED', 'DELIVERED'))`;
}
