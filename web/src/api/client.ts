import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** RFC 9457 problem as the API sends it (title/detail already in the Accept-Language of the request). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; messages: string[] }>;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** fetch itself failed: server down, connection lost. */
export class NetworkError extends Error {}

let language = 'en';
export const setApiLanguage = (lang: string) => (language = lang);

type ExpiredListener = () => void;
const expiredListeners = new Set<ExpiredListener>();
/** Called when a request that needed the session got 401: the session expired or was revoked. */
export function onSessionExpired(listener: ExpiredListener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

const consoleHeaders: Middleware = {
  onRequest({ request }) {
    // The CSRF proof the server demands of cookie-authenticated changes; also asks login for cookie-only.
    request.headers.set('X-Requested-With', 'beamtime');
    request.headers.set('Accept-Language', language);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.endsWith('/auth/login') && !path.endsWith('/auth/me')) {
      for (const listener of expiredListeners) listener();
    }
    return response;
  },
};

/** The typed client: paths and bodies come from the OpenAPI document (npm run api:types). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(consoleHeaders);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and turns a problem answer into ApiError, a failed fetch into NetworkError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new NetworkError(String(error));
  }
  if (result.response.ok) return result.data as T;
  const problem = (typeof result.error === 'object' && result.error ? result.error : { detail: String(result.error ?? '') }) as Problem;
  throw new ApiError(result.response.status, problem);
}

/** Total count of a paged list (X-Total-Count) next to its items. */
export async function unwrapPage<T>(call: Promise<FetchResult<T[]>>): Promise<{ items: T[]; total: number }> {
  let response: Response | undefined;
  const items = await unwrap(
    call.then((result) => {
      response = result.response;
      return result;
    }),
  );
  const total = Number(response?.headers.get('X-Total-Count') ?? items.length);
  return { items, total: Number.isFinite(total) ? total : items.length };
}
