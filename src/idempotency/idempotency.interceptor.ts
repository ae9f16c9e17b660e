import { CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, Observable, of } from 'rxjs';
import { catchError, concatMap } from 'rxjs/operators';
import type { AuthenticatedRequest } from '../common/authenticated-request';
import { badRequest, ProblemException, unprocessable } from '../common/problem';
import { IS_PUBLIC_KEY } from '../common/public.decorator';
import { AppConfig } from '../config/app-config';
import { ClaimResult, IdempotencyStore, JSON_CONTENT_TYPE, ResponseText } from './idempotency.store';
import { requestHash } from './request-hash';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** Polling an in-flight key starts this often and backs off to MAX_POLL_MS. */
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 200;
/** What a 409 "still in progress" asks the client to wait before retrying. */
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Makes POSTs carrying an `Idempotency-Key` safe to retry: the first successful response is
 * stored per (user, key) for 24 h and replayed verbatim to a retry with the same request. The body
 * is stored as the exact text sent (and sent as that text the first time too), so a replay is
 * byte-identical, key order included.
 *
 * A retry that arrives while the first request is still running waits for it (up to
 * IDEMPOTENCY_WAIT_MS, polling the shared row, so it works across API processes and holds no
 * connection while waiting) and then replays its response; past the bound it gets 409
 * problem+json with Retry-After. A different request under the same key is refused at once (422).
 *
 * Failures are NOT stored: a 4xx/5xx leaves no state behind (every mutation is transactional),
 * so the key is released and a retry runs again. A client retrying after a timeout or a 503 wants
 * the operation done, not the old error replayed; and a 409 "not enough places" may succeed once
 * places return. Only a success is final. Public routes (login) have no user to scope keys to and
 * are skipped.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  private readonly waitMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.waitMs = config.get('IDEMPOTENCY_WAIT_MS');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
    const userId = request.actor?.userId;
    if (isPublic || !userId) return next.handle();
    if (!VALID_KEY.test(key)) throw badRequest('invalid-idempotency-key', 'Idempotency-Key must be 1-255 visible ASCII characters');

    const response = http.getResponse<Response>();
    // The response was produced for this role and country: a retry after either changed must not see it.
    const scope = `${request.actor?.role ?? ''}:${request.actor?.countryCode ?? ''}`;
    const hash = requestHash(request.method, request.originalUrl, request.body, scope);
    return from(this.claimOrAwait(userId, key, hash, response)).pipe(
      concatMap((claim) => {
        if (!claim.claimed) {
          const existing = claim.existing;
          response.status(existing.status ?? HttpStatus.OK);
          response.setHeader(REPLAYED_HEADER, 'true');
          if (existing.location) response.setHeader('Location', existing.location);
          if (!existing.body) return of(undefined);
          response.setHeader('Content-Type', existing.body.contentType);
          return of(existing.body.text);
        }
        return next.handle().pipe(
          catchError(async (error: unknown) => {
            await this.store.release(userId, key).catch((e: Error) => this.logger.warn(`could not release key: ${e.message}`));
            throw error;
          }),
          concatMap(async (body: unknown) => {
            const sent = asSentText(body, response);
            const location = response.getHeader('Location');
            // The change is committed; failing to store the result must not turn it into an error.
            // The row then stays PENDING (retries wait, then get 409) until it goes stale.
            await this.store
              .complete(userId, key, response.statusCode, sent, typeof location === 'string' ? location : null)
              .catch((e: Error) => this.logger.error(`could not store idempotent response: ${e.message}`));
            return sent ? sent.text : body;
          }),
        );
      }),
    );
  }

  /**
   * Claims the key, or returns the finished first response to replay. While the first request with
   * this key and fingerprint is still running, polls until it finishes (DONE: replay), fails (its
   * row is released: this request claims the key and runs), or the wait bound passes (409).
   */
  private async claimOrAwait(userId: string, key: string, hash: string, response: Response): Promise<ClaimResult> {
    const deadline = Date.now() + this.waitMs;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      const claim = await this.store.claim(userId, key, hash);
      if (claim.claimed) return claim;
      if (claim.existing.requestHash !== hash) {
        throw unprocessable(
          'idempotency-key-reused',
          'This Idempotency-Key was already used for a different request, or by this account before its role or country changed; use a new key',
        );
      }
      if (claim.existing.state === 'DONE') return claim;
      const left = deadline - Date.now();
      if (left <= 0) {
        response.setHeader('Retry-After', String(IN_PROGRESS_RETRY_AFTER_SECONDS));
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency-request-in-progress',
          'Conflict',
          'A request with this Idempotency-Key is still being processed; retry shortly',
          { retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_SECONDS },
        );
      }
      await sleep(Math.min(pause, left));
    }
  }
}

/**
 * The body as the text that goes out, with its Content-Type set on the response: an object as
 * compact JSON (what Express's res.json would send), a string or number as Express would send it.
 * Null when there is no body.
 */
function asSentText(body: unknown, response: Response): ResponseText | null {
  if (body === undefined || body === null) return null;
  // Objects took the JSON branch; what is left (a string, number or boolean) prints as Express prints it.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = typeof body === 'object' ? (JSON.stringify(body) as string | undefined) : String(body);
  if (text === undefined) return null;
  const preset = response.getHeader('Content-Type');
  const contentType = typeof preset === 'string' ? preset : typeof body === 'object' ? JSON_CONTENT_TYPE : 'text/html; charset=utf-8';
  response.setHeader('Content-Type', contentType);
  return { text, contentType };
}
