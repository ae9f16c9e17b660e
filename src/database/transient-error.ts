import { sqlStateOf } from '../common/database-unavailable';

export { isDatabaseUnavailable, sqlStateOf } from '../common/database-unavailable';

/**
 * SQLSTATE classes another attempt can get past: connection exceptions (08), transaction
 * rollbacks (40: serialization failure, deadlock), insufficient resources (53), lock not
 * available (55P03), operator intervention (57: shutdown, query cancelled) and system errors
 * (58). Anything else (a constraint that refuses the rows, bad data) fails the same way again.
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58']);
const TRANSIENT_CODES = new Set(['55P03']);
const CONNECTION_TROUBLE = /ECONN|ETIMEDOUT|EPIPE|Connection terminated|timeout/i;

/** Whether the same work may succeed later without anyone changing anything. */
export function isTransientFailure(error: Error): boolean {
  const code = sqlStateOf(error);
  if (code) return TRANSIENT_CLASSES.has(code.slice(0, 2)) || TRANSIENT_CODES.has(code);
  return CONNECTION_TROUBLE.test(error.message);
}
