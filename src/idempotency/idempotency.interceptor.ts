import { CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, Observable, of } from 'rxjs';
import { catchError, concatMap } from 'rxjs/operators';
import type { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { badRequest, ProblemException, unprocessable } from '../common/problem';
import { IS_PUBLIC_KEY } from '../common/public.decorator';
import { IdempotencyStore } from './idempotency.store';
import { requestHash } from './request-hash';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Makes POSTs carrying an `Idempotency-Key` safe to retry: the first successful response is
 * stored per (user, key) for 24 h and replayed verbatim to a retry with the same request.
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

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

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
    return from(this.store.claim(userId, key, hash)).pipe(
      concatMap((claim) => {
        if (!claim.claimed) {
          const existing = claim.existing;
          if (existing.requestHash !== hash) {
            throw unprocessable(
              'idempotency-key-reused',
              'This Idempotency-Key was already used for a different request, or by this account before its role or country changed; use a new key',
            );
          }
          if (existing.state === 'PENDING') {
            throw new ProblemException(
              HttpStatus.CONFLICT,
              'idempotency-request-in-progress',
              'Conflict',
              'A request with this Idempotency-Key is still being processed; retry shortly',
            );
          }
          response.status(existing.status ?? HttpStatus.OK);
          response.setHeader(REPLAYED_HEADER, 'true');
          if (existing.location) response.setHeader('Location', existing.location);
          return of(existing.body ?? undefined);
        }
        return next.handle().pipe(
          catchError(async (error: unknown) => {
            await this.store.release(userId, key).catch((e: Error) => this.logger.warn(`could not release key: ${e.message}`));
            throw error;
          }),
          concatMap(async (body: unknown) => {
            const location = response.getHeader('Location');
            // The change is committed; failing to store the result must not turn it into an error.
            // The row then stays PENDING (retries get 409) until it goes stale.
            await this.store
              .complete(userId, key, response.statusCode, body, typeof location === 'string' ? location : null)
              .catch((e: Error) => this.logger.error(`could not store idempotent response: ${e.message}`));
            return body;
          }),
        );
      }),
    );
  }
}
