import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: nobody guesses or enumerates a patient's link. */
export function newCalendarToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A plain SHA-256 is enough here (no salt, no slow hash): the token has 256 bits of entropy, so
 * there is no dictionary to try, and a fast hash lets the public feed look the link up by index.
 */
export function calendarTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** base64url of 32 bytes: anything else cannot be a token and is refused before any query. */
export const CALENDAR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
