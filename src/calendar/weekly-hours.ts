import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const MAX_INTERVALS_PER_DAY = 8;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Why a day's intervals are unacceptable, or null when they are fine. A day is null (closed) or a
 * list of [start, end] pairs in HH:mm (24:00 allowed as an end), each start < end, none overlapping
 * (touching is fine: two shifts 07:00–15:00 and 15:00–23:00).
 */
export function dayIntervalsProblem(value: unknown): string | null {
  if (value === undefined) return 'must be given: a list of ["HH:mm", "HH:mm"] intervals, or null when closed';
  if (value === null) return null;
  if (!Array.isArray(value)) return 'must be null or a list of ["HH:mm", "HH:mm"] intervals';
  if (value.length > MAX_INTERVALS_PER_DAY) return `must have at most ${MAX_INTERVALS_PER_DAY} intervals`;
  const spans: Array<[number, number, string]> = [];
  for (const interval of value as unknown[]) {
    if (!Array.isArray(interval) || interval.length !== 2 || interval.some((t) => typeof t !== 'string')) {
      return `has ${JSON.stringify(interval)}, expected a pair ["HH:mm", "HH:mm"]`;
    }
    const [start, end] = interval as [string, string];
    for (const t of [start, end]) if (!HHMM.test(t)) return `has "${t}", which is not a time in HH:mm (00:00–23:59, or 24:00 as an end)`;
    if (start === '24:00') return 'has an interval starting at 24:00';
    if (minutes(start) >= minutes(end)) return `has ${start}–${end}: the start must be before the end`;
    spans.push([minutes(start), minutes(end), `${start}–${end}`]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1]) return `has overlapping intervals ${spans[i - 1][2]} and ${spans[i][2]}`;
  }
  return null;
}

/** Validates one weekday's open intervals (see dayIntervalsProblem). */
export function IsDayIntervals(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDayIntervals',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => dayIntervalsProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${dayIntervalsProblem(args.value)}`,
      },
    });
}
