import type { Request, Response } from 'express';

/** The console's session: the same JWT as the API's bearer token, in a cookie page script cannot read. */
export const SESSION_COOKIE = 'bt_session';

/**
 * Cookie-authenticated mutations must carry this header. A cross-site form or image cannot set a custom
 * header, and a cross-site fetch that does needs a CORS preflight we never grant, so the header proves the
 * request came from our own pages (defence in depth beside SameSite=Strict).
 */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'beamtime';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionToken(req: Request): string | undefined {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  return token ? token : undefined;
}

/** True when a cookie-authenticated request may proceed: a safe method, or one carrying the CSRF header. */
export function passesCsrfCheck(req: Request): boolean {
  return SAFE_METHODS.has(req.method.toUpperCase()) || req.header(CSRF_HEADER) === CSRF_HEADER_VALUE;
}

/** The console asks for a cookie session by sending the CSRF header on its login. */
export function wantsCookieOnly(req: Request): boolean {
  return req.header(CSRF_HEADER) === CSRF_HEADER_VALUE;
}

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge: maxAgeSeconds * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
}
