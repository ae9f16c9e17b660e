import type { NextFunction, Request, Response } from 'express';
import { sessionToken } from '../auth/session-cookie';
import { PROBLEM_CONTENT_TYPE } from '../common/problem';
import type { Actor } from '../common/request-context';

/**
 * The dashboard is plain Express (Bull Board), outside Nest's guards, so it checks the admin itself:
 * the console's httpOnly session cookie (sign in to the console, then open /admin/queues; the board's
 * own asset and API calls carry the cookie), or `Authorization: Bearer` for API clients. A token in the
 * URL (`?token=`, the old way) is refused: URLs end up in logs, browser history and Referer headers.
 * Only ADMIN gets in: 401 without a valid session, 403 for other roles.
 */
export function dashboardAuth(actorFor: (token: string) => Promise<Actor>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.query.token !== undefined) {
      return deny(res, 400, 'A token never goes in a URL: sign in to the web console as an administrator, then open /admin/queues');
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? sessionToken(req);
    if (!token) return deny(res, 401, 'Sign in to the web console as an administrator (or send Authorization: Bearer)');
    let actor: Actor;
    try {
      actor = await actorFor(token);
    } catch {
      return deny(res, 401, 'The session is invalid or expired: sign in again');
    }
    if (actor.role !== 'ADMIN') return deny(res, 403, 'Only administrators may open the queue dashboard');
    next();
  };
}

const TITLES = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' } as const;

function deny(res: Response, status: keyof typeof TITLES, detail: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ type: 'about:blank', title: TITLES[status], status, detail }));
}
