import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  messages: string[];
  /** Stable, for clients: the first validation constraint that failed (isIn, isCalendarDate…) or the problem type. */
  code?: string;
  /** One per message, in the same order. */
  codes?: string[];
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * An RFC 9457 problem raised from a service: a stable `type` slug the client can switch on,
 * a human title and detail, and optional extension members (e.g. the broken scheduling rule).
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export const conflict = (slug: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(HttpStatus.CONFLICT, slug, 'Conflict', detail, extensions);
export const notFound = (entity: string, id: string) => new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not Found', `${entity} ${id} was not found`);
export const unprocessable = (slug: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, slug, 'Unprocessable Content', detail, extensions);
export const badRequest = (slug: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(HttpStatus.BAD_REQUEST, slug, 'Bad Request', detail, extensions);
