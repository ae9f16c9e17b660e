import type { NextFunction, Request, Response } from 'express';

const directives = (entries: Record<string, string>) =>
  Object.entries(entries)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** The console: only our own files, no inline script or style element, no framing, no plugins. */
export const CONSOLE_CSP = directives({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
});

/** Swagger UI loads its own scripts from /docs but sets inline styles and data: images, so it gets that much. */
export const DOCS_CSP = directives({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
});

/** JSON answers are never documents to render: nothing may load from them. */
export const API_CSP = directives({ 'default-src': "'none'", 'frame-ancestors': "'none'" });

/** Bull Board's page carries inline bootstrap script and styles of its own; it stays behind the admin check. */
const DASHBOARD_PREFIX = '/admin/queues';

export function contentSecurityPolicy(req: Request, res: Response, next: NextFunction): void {
  const path = req.path;
  if (path.startsWith(DASHBOARD_PREFIX)) return next();
  const policy = path === '/docs' || path.startsWith('/docs/') || path === '/docs-json' ? DOCS_CSP : path.startsWith('/api/') ? API_CSP : CONSOLE_CSP;
  res.setHeader('Content-Security-Policy', policy);
  next();
}
