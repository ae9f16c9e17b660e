/**
 * Deepest container nesting a request body may have. Our DTOs need about 4 levels; without a bound,
 * a few KB of `{"a":{"a":…` overflow the stack in recursive code downstream (class-validator,
 * class-transformer, idempotency hashing) and surface as a 500.
 */
export const MAX_INPUT_DEPTH = 32;

export type InputDefect = 'nul-character' | 'too-deep' | 'reserved-key';

/**
 * Keys that name JavaScript's object machinery, not data. Whitelisting DTOs drop them silently, so a
 * client sending one would never learn it was ignored; and no code of ours should ever meet them.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first reason a parsed request value must not reach a handler, or null. PostgreSQL text cannot
 * hold U+0000, so a NUL in any key or string would only fail later, inside a query, as a 500.
 * Iterative on purpose: the value is untrusted, so walking it must not recurse either.
 */
export function findInputDefect(root: unknown, maxDepth = MAX_INPUT_DEPTH): InputDefect | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'nul-character';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return 'too-deep';
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return 'nul-character';
      if (RESERVED_KEYS.has(key)) return 'reserved-key';
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
