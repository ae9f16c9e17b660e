import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * CORS is off unless CORS_ORIGINS lists origins: the API is for back-office clients, and a browser
 * app on another origin must be allowed explicitly. Unlisted origins get no CORS headers at all.
 */
export function corsOptions(corsOrigins: string | undefined): CorsOptions | null {
  const origins = (corsOrigins ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  if (origins.length === 0) return null;
  return {
    origin: origins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Location', 'Retry-After'],
    maxAge: 600,
  };
}
