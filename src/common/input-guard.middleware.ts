import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { findInputDefect, MAX_INPUT_DEPTH } from './input-defects';
import { badRequest, ProblemException } from './problem';
import { findTextDefect } from './text-rules';

// `%00` is the only way a NUL reaches the path or query (Node refuses raw NUL bytes), and it cannot
// appear inside another escape, so matching the raw URL covers every route and query parameter.
const ENCODED_NUL = /%00/;

const nulCharacter = (where: string) => badRequest('invalid-character', `The ${where} contains a NUL character (U+0000), which no field accepts`);

/**
 * Runs right after the body parsers, before guards, interceptors and pipes, so no route, DTO or
 * idempotency fingerprint ever sees a NUL character, an unboundedly nested body, or a string the text
 * rules refuse (a lone surrogate, a control character: text-rules.ts).
 */
export function inputGuardMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (ENCODED_NUL.test(req.originalUrl)) return next(nulCharacter('URL'));
  const defect = findInputDefect(req.body);
  if (defect === 'nul-character') return next(nulCharacter('request body'));
  if (defect === 'too-deep') return next(badRequest('nesting-too-deep', `The request body is nested deeper than ${MAX_INPUT_DEPTH} levels`));
  if (defect === 'reserved-key') {
    return next(badRequest('reserved-key', 'The request body uses __proto__, constructor or prototype as a key, which no field accepts'));
  }
  // Every string field, including those of DTOs without the text decorators, before any audit row is built.
  const text = findTextDefect(req.body);
  if (text) {
    // The same problem the validation pipe gives for a DTO's text rule, so clients handle one shape.
    const errors = [{ field: text.field, messages: [text.message], code: 'isWellFormedText', codes: ['isWellFormedText'] }];
    return next(badRequest('validation', `Validation failed: ${text.field}`, { errors }));
  }
  next();
}

/** Thrown from the JSON parser's `verify` hook; body-parser keeps its status and the problem filter its type. */
export const INVALID_UTF8 = 'entity.encoding.invalid';

/**
 * The JSON parser's `verify` hook. Bytes that are not UTF-8 would otherwise be decoded into U+FFFD
 * and stored as a patient's name; refuse them instead, so the client learns its encoding is wrong.
 */
export function refuseInvalidUtf8(_req: IncomingMessage, _res: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8' || isUtf8(body)) return;
  throw Object.assign(new Error('The request body is not valid UTF-8'), { status: 400, type: INVALID_UTF8 });
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * The API's contract is JSON: a body of any other type (a form, multipart, text) answers 415 before
 * any parser or route sees it, so `POST /patients` from an HTML form creates nothing. Requests without
 * a body (GET, a bodyless POST such as Bull Board's retry) pass: `req.is` answers null for them, but
 * counts `Content-Length: 0` as a body, hence the explicit check.
 */
export function refuseNonJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.headers['content-length'] === '0' || req.is(JSON_TYPES) !== false) return next();
  const type = req.headers['content-type'] ?? '(none)';
  next(
    new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported-media-type',
      'Unsupported Media Type',
      `The request body must be application/json, not ${type}`,
    ),
  );
}
