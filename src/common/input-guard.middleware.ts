import type { NextFunction, Request, Response } from 'express';
import { findInputDefect, MAX_INPUT_DEPTH } from './input-defects';
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
  next();
}
