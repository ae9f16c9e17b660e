import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. Iterative, with an
 * explicit stack of pending values and punctuation, so no body nesting can overflow the call stack.
 */
function canonical(root: unknown): string {
  const out: string[] = [];
  const pending: Array<{ value: unknown } | string> = [{ value: root }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { value } = item;
    let parts: Array<{ value: unknown } | string>;
    if (Array.isArray(value)) {
      parts = ['[', ...value.flatMap((v, i) => (i === 0 ? [{ value: v }] : [',', { value: v }])), ']'];
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined);
      parts = ['{', ...keys.flatMap((k, i) => [`${i === 0 ? '' : ','}${JSON.stringify(k)}:`, { value: record[k] }]), '}'];
    } else {
      out.push(JSON.stringify(value ?? null));
      continue;
    }
    // Reversed so the first part is popped first.
    for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]);
  }
  return out.join('');
}

/**
 * Fingerprint of what a key was first used for: method, path with query, and body; with `scope`,
 * also the rights it was used with (a stored response must not be replayed to an account that has
 * since been given another role or country).
 */
export function requestHash(method: string, url: string, body: unknown, scope = ''): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${scope ? `${scope}\n` : ''}${canonical(body)}`)
    .digest('hex');
}
