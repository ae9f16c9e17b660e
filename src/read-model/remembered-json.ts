import type { Express, Response } from 'express';

const remembered = new WeakMap<object, string>();

/**
 * Serialises a kept answer once, when it is computed: each hit of the board (~50 KB of JSON) then
 * sends the same string instead of running JSON.stringify again — a fifth of a hit's CPU before.
 * The value must not change afterwards (kept answers are shared and never changed anyway).
 */
export function rememberJson<T extends object>(value: T): T {
  remembered.set(value, JSON.stringify(value));
  return value;
}

/** Makes the app's `res.json` send a remembered string as is; anything else goes through express's own. */
export function sendRememberedJson(app: Express): void {
  const original = app.response.json as (this: Response, body: unknown) => Response;
  app.response.json = function json(this: Response, body: unknown): Response {
    const text = body !== null && typeof body === 'object' ? remembered.get(body) : undefined;
    if (text === undefined) return original.call(this, body);
    if (!this.get('Content-Type')) this.type('application/json');
    return this.send(text);
  };
}
