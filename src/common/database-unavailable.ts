import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a query PostgreSQL refused; undefined for any other error. */
export function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * SQLSTATEs that mean "the server is not there for us right now" rather than "this statement is
 * wrong": connection exceptions (08), too many connections (53300), shutdown and crash (57P01,
 * 57P02), still starting or recovering (57P03). Not a statement cancelled by statement_timeout
 * (57014): a job whose query is always too slow would otherwise be handed back forever.
 */
const UNAVAILABLE_CODES = new Set(['53300', '57P01', '57P02', '57P03']);
/** Socket errors of the pg driver (no SQLSTATE: nothing reached the server, or it vanished mid-query). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * Whether the error says PostgreSQL is unreachable or going away (an outage), as opposed to a
 * refused statement: the API answers it with 503 and workers wait for the database instead of
 * spending a job's attempts. A deadlock or a serialization failure is transient but not an outage.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: socket errors are made by Node's core, whose Error is another
  // realm's inside jest's sandbox.
  if (typeof error !== 'object' || error === null) return false;
  const code = sqlStateOf(error);
  if (code) return code.startsWith('08') || UNAVAILABLE_CODES.has(code);
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: unknown; message?: unknown } | undefined) : undefined;
  const cause = driverError ?? (error as { code?: unknown; message?: unknown });
  if (typeof cause.code === 'string' && SOCKET_CODES.has(cause.code)) return true;
  return [(error as { message?: unknown }).message, cause.message].some((m) => typeof m === 'string' && LOST_CONNECTION.test(m));
}
