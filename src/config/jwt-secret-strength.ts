/** The value used outside production when JWT_SECRET is unset; published in this repository, so never a secret. */
export const INSECURE_DEFAULT_JWT_SECRET = 'beamtime-insecure-demo-secret-change-me';

/** Placeholders this repository publishes (docker-compose.yml): anyone can sign tokens with them. */
const PUBLISHED_SECRETS = new Set([INSECURE_DEFAULT_JWT_SECRET, 'change-this-secret-in-production']);

export const MIN_JWT_SECRET_BYTES = 32;
/** HS256's key should carry at least as many bits as its output is long (RFC 7518 §3.2): 256; 128 estimated is the floor we can check. */
export const MIN_JWT_SECRET_BITS = 128;

const HOW_TO_MAKE_ONE = 'make one with `openssl rand -base64 48`';

/**
 * A rough estimate of a secret's entropy: its length times the Shannon entropy of its character
 * frequencies. It cannot prove a secret random, but it catches what people actually deploy by mistake:
 * a repeated character or pattern, a short word padded out, a run of spaces.
 */
export function estimatedEntropyBits(secret: string): number {
  const chars = [...secret];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** Why a production JWT_SECRET is refused, or null when it is acceptable. */
export function weakProductionSecret(secret: string | undefined): string | null {
  if (secret === undefined || secret.trim() === '') return `required in production; ${HOW_TO_MAKE_ONE}`;
  if (PUBLISHED_SECRETS.has(secret.trim())) return `the published default cannot sign production tokens; ${HOW_TO_MAKE_ONE}`;
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_JWT_SECRET_BYTES) return `must be at least ${MIN_JWT_SECRET_BYTES} bytes in production (it has ${bytes}); ${HOW_TO_MAKE_ONE}`;
  if (estimatedEntropyBits(secret) < MIN_JWT_SECRET_BITS) return `too predictable for production (a repeated character or pattern); ${HOW_TO_MAKE_ONE}`;
  return null;
}
