import { ValidationOptions, registerDecorator } from 'class-validator';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * C0 and C1 control characters and DEL, except tab, line feed and carriage return, which a note or
 * a reason may hold. A BEL or an ESC in a name is never data: it rings terminals and breaks CSV/HL7.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's whole point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * What a reader cannot see: white space and the default-ignorable code points (U+200B zero-width
 * space, U+200C/D joiners, U+2060, U+FEFF, U+00AD soft hyphen, Hangul fillers, variation selectors…).
 * Inside a name they are legitimate (a Persian ZWNJ); a name made only of them is blank.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

/** Whether `value` can be encoded as UTF-8 as it is (no lone UTF-16 surrogate). */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** Empty, or only white space and invisible characters. */
export function isBlankText(value: string): boolean {
  return INVISIBLE_ONLY.test(value);
}

/** Why a string is not acceptable text (for a field named `field`), or null. */
export function textDefect(field: string, value: string): string | null {
  if (!isWellFormedText(value)) return `${field} must be valid Unicode text (it contains a lone surrogate)`;
  if (hasControlCharacter(value)) return `${field} must not contain control characters (such as BEL or ESC)`;
  return null;
}

/**
 * Refuses strings with a lone surrogate or a control character. JSON.parse accepts "\ud800", but the
 * pg driver writes it to PostgreSQL as U+FFFD, so the stored value would silently differ from what the
 * client sent (an MRN that no longer matches its source record), and the audit row's jsonb refuses it.
 * The input guard applies the same rule to every string of every body (findTextDefect); this decorator
 * carries it to query parameters and names the rule on the field.
 */
export function IsWellFormedText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isWellFormedText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => textDefect(args.property, String(args.value)) ?? `${args.property} must be valid text`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || textDefect('', value) === null },
    });
}

/** Refuses a string that is empty once white space and invisible characters are ignored: "   " or "\u200B" is not a name. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must not be blank (white space or invisible characters only)`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !isBlankText(value) },
    });
}

/**
 * The first string (value or key) of a parsed body that breaks the text rules, with its path
 * (`courses.0.reason`), or null. Iterative: the body is untrusted (its depth is bounded before this runs).
 */
export function findTextDefect(root: unknown): { field: string; message: string } | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const message = textDefect(path || 'body', value);
      if (message) return { field: path || 'body', message };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyMessage = textDefect('a key', key);
      if (keyMessage) return { field: path || 'body', message: keyMessage };
      pending.push({ value: child, path: childPath });
    }
  }
  return null;
}
