import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from '../common/problem';
import type { Actor } from '../common/request-context';

export const DASHBOARD_COOKIE = 'bt_queues_token';

/**
 * The dashboard is plain Express (Bull Board), outside Nest's guards, so it checks the admin's
 * JWT itself. Accepted from `Authorization: Bearer`, then `?token=` (for opening it in a
 * browser), then the cookie set on that first visit so the board's own asset and API calls
 * carry it. Only ADMIN gets in: 401 without a valid token, 403 for other roles.
 */
export function dashboardAuth(actorFor: (token: string) => Promise<Actor>, basePath: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const query = typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = bearer ?? query ?? readCookie(req.headers.cookie, DASHBOARD_COOKIE);
    if (!token) return deny(res, 401, 'An admin token is required (Authorization: Bearer, or ?token=)');
    let actor: Actor;
    try {
      actor = await actorFor(token);
    } catch {
      return deny(res, 401, 'The token is invalid or expired');
    }
    if (actor.role !== 'ADMIN') return deny(res, 403, 'Only administrators may open the queue dashboard');
    if (query) {
      res.cookie(DASHBOARD_COOKIE, query, { httpOnly: true, sameSite: 'strict', path: basePath, secure: req.secure });
    }
    next();
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function deny(res: Response, status: 401 | 403, detail: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail }));
}
