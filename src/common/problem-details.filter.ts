import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { PROBLEM_CONTENT_TYPE, ProblemBody, ProblemException } from './problem';
import { localizeProblem, negotiateLanguage } from './i18n';
import { requestContext } from './request-context';
import { INVALID_UTF8 } from './input-guard.middleware';
import { isDatabaseUnavailable } from './database-unavailable';
import { OutageLog } from './outage-log';
import { FHIR_CONTENT_TYPE, isFhirRoute, toOperationOutcome } from './operation-outcome';

/** Seconds a client should wait before retrying while the database is away (Retry-After). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const TYPE_BASE = 'https://beamtime.example/problems/';
const DATABASE_UNAVAILABLE = 'database-unavailable';

const PG_ERRORS: Record<string, { status: number; slug: string; detail: string }> = {
  '23P01': { status: 409, slug: 'schedule-conflict', detail: 'The change overlaps an existing booking' },
  '23505': { status: 409, slug: 'duplicate', detail: 'A record with the same unique key already exists' },
  '23514': { status: 409, slug: 'constraint-violated', detail: 'The change would break a database invariant' },
  '23503': { status: 409, slug: 'reference-missing', detail: 'The change refers to a record that does not exist or is still in use' },
  '22P02': { status: 400, slug: 'invalid-value', detail: 'A value has the wrong format' },
  '22007': { status: 400, slug: 'invalid-value', detail: 'A date or time value is invalid' },
  '22008': { status: 400, slug: 'invalid-value', detail: 'A date or time value is out of range' },
  '22003': { status: 400, slug: 'invalid-value', detail: 'A number is out of range' },
  // Backstops: the input guard and the DTOs reject NUL characters and nulls before any query runs.
  '22021': { status: 400, slug: 'invalid-value', detail: 'A text value contains a character that cannot be stored (e.g. NUL)' },
  '22P05': { status: 400, slug: 'invalid-value', detail: 'A text value contains a character that cannot be stored (e.g. NUL)' },
  '23502': { status: 400, slug: 'missing-value', detail: 'A required value is missing or null' },
  // statement_timeout (DB_STATEMENT_TIMEOUT_MS) cancelled it: the transaction rolled back, retrying later may pass.
  '57014': { status: 503, slug: DATABASE_UNAVAILABLE, detail: 'The database did not answer in time; nothing was changed. Retry in a few seconds.' },
  '40001': { status: 409, slug: 'concurrent-update', detail: 'A concurrent change won; retry the request' },
  '40P01': { status: 409, slug: 'concurrent-update', detail: 'A concurrent change won; retry the request' },
};

function titleFor(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * The one place that decides an error's shape, per route family: the FHIR door (/fhir/R4) answers an
 * OperationOutcome as application/fhir+json, every other route problem+json.
 */
export function sendError(request: Request, response: Response, body: ProblemBody): void {
  if (isFhirRoute(request.originalUrl ?? request.url)) {
    response
      .status(body.status)
      .type(FHIR_CONTENT_TYPE)
      .send(JSON.stringify(toOperationOutcome(body)));
    return;
  }
  const lang = negotiateLanguage(request.headers['accept-language']);
  response.setHeader('Content-Language', lang);
  response.vary('Accept-Language');
  response
    .status(body.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(localizeProblem(body, lang)));
}

/** Renders every error — ours, Nest's, body-parser's, PostgreSQL's — as problem+json (OperationOutcome under /fhir). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');
  // An outage fails every request the same way: one line a minute (and /health) says so, not a stack each.
  private readonly outage = new OutageLog(this.logger, 'database unavailable');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const body = this.toProblem(exception);
    body.instance = request.originalUrl ?? request.url;
    const requestId = requestContext.requestId() ?? (request as unknown as { id?: string }).id;
    if (requestId) body.requestId = requestId;
    const databaseDown = body.type === TYPE_BASE + DATABASE_UNAVAILABLE;
    if (databaseDown) this.outage.report(exception as Error);
    else if (body.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (databaseDown) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    sendError(request, response, body);
  }

  toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ProblemException) {
      const problem: ProblemBody = {
        type: TYPE_BASE + exception.slug,
        title: exception.title,
        status: exception.getStatus(),
        detail: exception.message,
        ...exception.extensions,
      };
      // A refusal that names one input field is a validation error too: clients read `errors` for
      // every one of them, whether a DTO rule or a service's check found it.
      const field = exception.extensions.field;
      if (typeof field === 'string' && !problem.errors && problem.status < 500) problem.errors = [{ field, messages: [problem.detail] }];
      return problem;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const payload = typeof res === 'object' && res !== null ? (res as Record<string, unknown>) : {};
      const problem: ProblemBody = {
        type: typeof payload.type === 'string' ? payload.type : 'about:blank',
        title: titleFor(status),
        status,
        detail:
          typeof res === 'string'
            ? res
            : Array.isArray(payload.message)
              ? 'Validation failed'
              : typeof payload.message === 'string'
                ? payload.message
                : exception.message,
      };
      if (Array.isArray(payload.errors)) problem.errors = payload.errors as ProblemBody['errors'];
      return problem;
    }
    if (isDatabaseUnavailable(exception)) {
      // Nothing was committed (or the commit is unknown and whole): the client may retry, with its Idempotency-Key.
      return {
        type: TYPE_BASE + DATABASE_UNAVAILABLE,
        title: titleFor(503),
        status: 503,
        detail: 'The database is unavailable; nothing was changed. Retry in a few seconds.',
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as unknown as { driverError?: { code?: string } }).driverError?.code ?? '';
      const known = PG_ERRORS[code];
      if (known) {
        const retry = known.slug === DATABASE_UNAVAILABLE ? { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } : {};
        return { type: TYPE_BASE + known.slug, title: titleFor(known.status), status: known.status, detail: known.detail, ...retry };
      }
    }
    // body-parser and similar middleware errors carry an HTTP status of their own.
    const maybe = exception as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = maybe?.status ?? maybe?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const malformed = maybe.type === 'entity.parse.failed';
      const slug = malformed ? 'malformed-json' : maybe.type === INVALID_UTF8 ? 'invalid-encoding' : null;
      return {
        type: slug ? TYPE_BASE + slug : 'about:blank',
        title: titleFor(status),
        status,
        detail: malformed ? 'The request body is not valid JSON' : String(maybe.message ?? 'Bad request'),
      };
    }
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred' };
  }
}
