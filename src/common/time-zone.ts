import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** A time zone the runtime's Intl (and so the scheduling core) knows, e.g. Asia/Almaty. */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isIanaTimeZone,
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an IANA time zone such as Asia/Almaty`,
      },
    });
}
