export const REDACTED = '[Redacted]';

/** Header paths of the request and response log lines that carry credentials. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'res.headers.authorization',
];

// Parameter names that name a credential, and values shaped like a JWT whatever their name.
const SECRET_NAME = /token|code|secret|pass|pwd|key|auth|session|sig|jwt|cred/i;
const JWT_SHAPE = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/;

const isSecret = (name: string, value: string) => SECRET_NAME.test(name) || JWT_SHAPE.test(value);

/**
 * Path segments that are a credential themselves: a patient's calendar subscription token (a phone
 * calendar can only be given a URL, so this one secret does travel in a path, docs/patient-files.md).
 */
const SECRET_PATH = /(\/calendar-feeds\/)[^/?#]+/g;

/**
 * The URL with every credential-looking query value replaced (`/admin/queues?token=[Redacted]`).
 * Tokens must never travel in URLs, but a client that puts one there anyway must not get it logged.
 */
export function redactUrl(url: string): string {
  url = url.replace(SECRET_PATH, `$1${REDACTED}`);
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return JWT_SHAPE.test(pair) ? REDACTED : pair;
      const name = pair.slice(0, eq);
      let value = pair.slice(eq + 1);
      try {
        value = decodeURIComponent(value);
      } catch {
        // Malformed escapes: judge the raw text.
      }
      return isSecret(name, value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** The parsed query object with the same values replaced, at any depth (`?a[token]=…`). */
export function redactQuery(query: unknown, name = ''): unknown {
  if (typeof query === 'string') return isSecret(name, query) ? REDACTED : query;
  if (Array.isArray(query)) return query.map((item) => redactQuery(item, name));
  if (query === null || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([key, value]) => [key, SECRET_NAME.test(key) ? REDACTED : redactQuery(value, key)]));
}

/** pino-http's request serializer, after its own: the URL and the query without credentials. */
export function redactRequestLog<T extends { url?: unknown; query?: unknown; params?: unknown }>(req: T): T {
  // Params repeat the path (pino-http logs them as `{ path: [...segments] }`): where the path holds a secret, they go whole.
  if (typeof req.url === 'string' && new RegExp(SECRET_PATH.source).test(req.url) && req.params !== undefined) req.params = REDACTED;
  if (typeof req.url === 'string') req.url = redactUrl(req.url);
  if (req.query !== undefined) req.query = redactQuery(req.query);
  return req;
}
