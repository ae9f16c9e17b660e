import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { findInputDefect, MAX_INPUT_DEPTH, RESERVED_KEYS } from './input-defects';
import { badRequest } from './problem';

// `%00` is the only way a NUL reaches the path or query (Node refuses raw NUL bytes), and it cannot
// appear inside another escape, so matching the raw URL covers every route and query parameter.
const ENCODED_NUL = /%00/;

const nulCharacter = (where: string) => badRequest('invalid-character', `The ${where} contains a NUL character (U+0000), which no field accepts`);

/**
 * Runs right after the body parsers, before guards, interceptors and pipes, so no route, DTO or
 * idempotency fingerprint ever sees a NUL character or an unboundedly nested body.
 */
export function inputGuardMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (ENCODED_NUL.test(req.originalUrl)) return next(nulCharacter('URL'));
  const defect = findInputDefect(req.body);
  if (defect === 'nul-character') return next(nulCharacter('request body'));
  if (defect === 'too-deep') return next(badRequest('nesting-too-deep', `The request body is nested deeper than ${MAX_INPUT_DEPTH} levels`));
  if (defect === 'reserved-key') {
    return next(badRequest('reserved-key', 'The request body uses __proto__, constructor or prototype as a key, which no field accepts'));
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

export const RESERVED_FORM_KEY = 'entity.key.reserved';

/**
 * The form parser's `verify` hook: the same UTF-8 check, and the reserved keys, which the form parser
 * (qs) would drop silently before the input guard could see them (`__proto__[admin]=1`).
 */
export function refuseBadFormBody(req: IncomingMessage, res: ServerResponse, body: Buffer, encoding: string): void {
  refuseInvalidUtf8(req, res, body, encoding);
  for (const key of new URLSearchParams(body.toString('utf8')).keys()) {
    if (key.split(/[[\].]/).some((part) => RESERVED_KEYS.has(part))) {
      throw Object.assign(new Error('The request body uses __proto__, constructor or prototype as a key, which no field accepts'), { status: 400, type: RESERVED_FORM_KEY });
    }
  }
}
