import { ValidationOptions, registerDecorator } from 'class-validator';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` can be encoded as UTF-8 as it is (no lone UTF-16 surrogate). */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * Refuses strings with a lone surrogate. JSON.parse accepts "\ud800", but the pg driver writes it
 * to PostgreSQL as U+FFFD, so the stored value would silently differ from what the client sent
 * (an MRN that no longer matches its source record).
 * TODO(common): a candidate for the global validation pipe once src/common is free to change.
 */
export function IsWellFormedText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isWellFormedText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be valid Unicode text (it contains a lone surrogate)`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || isWellFormedText(value) },
    });
}

/** Refuses a string that is empty once whitespace is ignored: "   " is not a name. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must not be blank`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0 },
    });
}
