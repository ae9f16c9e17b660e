import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Gives every request an id (the caller's X-Request-Id when sane) that logs, problems and audit rows carry. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  (req as unknown as { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId }, () => next());
}
