import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Idempotent-Replayed, Location, Retry-After';

/**
 * CORS is off unless CORS_ORIGINS lists origins: the API is for back-office clients, and a browser
 * app on another origin must be allowed explicitly. Unlisted origins get no CORS headers at all.
 */
@Injectable()
export class CorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(config: AppConfig) {
    this.origins = new Set(
      (config.get('CORS_ORIGINS') ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    );
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.header('origin');
    if (this.origins.size === 0 || !origin) return next();
    res.setHeader('Vary', 'Origin');
    if (!this.origins.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS' && req.header('access-control-request-method')) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  }
}
