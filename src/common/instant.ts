import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * SPEC: every instant on the wire is ISO 8601 with an offset (or Z). A bare "10:00" would be read in
 * the server's zone, and `@IsISO8601` alone also lets week ("2027-W10"), ordinal ("2027-069") and
 * basic ("20270310") forms through, which `new Date()` misreads or cannot read at all.
 */
export const INSTANT_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** SPEC: calendar dates are YYYY-MM-DD (in the center's zone). */
export const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Real-world UTC offsets span -12:00..+14:00; PostgreSQL refuses much beyond that, so stop it here. */
const MAX_OFFSET_MINUTES = 14 * 60;
/** Keeps instants where JS, PostgreSQL and toISOString() agree on the year (no year 0, no 5-digit years). */
const MIN_YEAR = 1000;
const MAX_YEAR = 9998;

function isRealDay(year: number, month: number, day: number): boolean {
  // Date.UTC rolls 2027-02-30 over to March; a real day survives the round trip.
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** YYYY-MM-DD naming a day that exists (no 2027-02-30, no month 13); how far off it may be is the service's call. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CALENDAR_DATE.exec(value);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An ISO 8601 date-time with an offset that names a real moment: Date.parse would otherwise roll
 * 2027-02-30 over to 2 March and take 24:00 as the next midnight without a word.
 */
export function isInstantWithOffset(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  if (Number(y) < MIN_YEAR || Number(y) > MAX_YEAR || !isRealDay(Number(y), Number(mo), Number(d))) return false;
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return false;
  if (sign !== undefined && (Number(om) > 59 || Number(oh) * 60 + Number(om) > MAX_OFFSET_MINUTES)) return false;
  return !Number.isNaN(Date.parse(value));
}

/** Tells a client whether the shape or the date itself was wrong; both are 400 either way. */
function instantMessage(args: ValidationArguments): string {
  const example = '2027-03-01T09:00:00+05:00';
  if (typeof args.value === 'string' && INSTANT_WITH_OFFSET.test(args.value)) {
    return `${args.property} is not a real date and time (e.g. ${example})`;
  }
  return `${args.property} must be an ISO 8601 date-time with an offset or Z (e.g. ${example})`;
}

export function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isInstantWithOffset', validator: { validate: isInstantWithOffset, defaultMessage: instantMessage } }, options);
}

/** A YYYY-MM-DD day that exists (center-local dates: earliest starts, birth dates, closures, ranges). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a real YYYY-MM-DD date (e.g. 2027-03-01)`,
      },
    },
    options,
  );
}

/** A YYYY-MM-DD day (read in the center's zone by the caller) or an instant with offset. */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value: unknown) => isCalendarDate(value) || isInstantWithOffset(value),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a real YYYY-MM-DD date or an ISO 8601 date-time with an offset or Z (e.g. 2027-03-01 or 2027-03-01T09:00:00+05:00)`,
      },
    },
    options,
  );
}
