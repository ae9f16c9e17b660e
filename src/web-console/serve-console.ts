import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/** web/dist from src/web-console (ts-node) and from dist/web-console (compiled) alike. */
export const CONSOLE_DIST = resolve(__dirname, '..', '..', 'web', 'dist');

/** Paths that belong to the server; the single-page fallback never answers them. */
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/docs(-json)?(\/|$)/, /^\/admin\/queues(\/|$)/, /^\/fhir(\/|$)/];

export const isServerPath = (path: string) => SERVER_PATHS.some((pattern) => pattern.test(path));

/**
 * Serves the built console at `/`: hashed assets for a year, index.html never cached, and every other
 * GET that wants HTML (a deep link such as /board?date=… or /courses/:id reloaded) gets index.html so
 * the client router takes over. Without a build (web/dist missing) the API runs alone.
 */
export function serveConsole(app: INestApplication, dist = CONSOLE_DIST): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return false;
  const assets = express.static(dist, {
    index: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : assets(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
