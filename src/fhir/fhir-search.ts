import type { Request } from 'express';
import type { Bundle, FhirResource } from 'fhir/r4';
import { badRequest } from '../common/problem';
import { isCalendarDate, isInstantWithOffset } from '../common/instant';
import { localMidnight, parseDate, formatDate } from '../scheduling';
import { FHIR_BASE } from '../common/operation-outcome';
import { DEFAULT_COUNT, FhirSearchDto } from './dto/search.dto';

/** A FHIR date search value as a half-open range: whole local days, or an instant to the second. */
type DateRange = { kind: 'day'; from: string; to: string } | { kind: 'instant'; from: number; to: number };
type Prefix = 'eq' | 'ge' | 'gt' | 'le' | 'lt';
const PREFIXES: Prefix[] = ['eq', 'ge', 'gt', 'le', 'lt'];

/** At least `lower` (inclusive) and before `upper` (exclusive); null where the search sets none. */
export interface Bounds<T> {
  lower: T | null;
  upper: T | null;
}

function dayRange(value: string): DateRange | null {
  if (/^\d{4}$/.test(value)) return { kind: 'day', from: `${value}-01-01`, to: `${Number(value) + 1}-01-01` };
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const next = Number(month[2]) === 12 ? `${Number(month[1]) + 1}-01` : `${month[1]}-${String(Number(month[2]) + 1).padStart(2, '0')}`;
    return { kind: 'day', from: `${value}-01`, to: `${next}-01` };
  }
  if (isCalendarDate(value)) return { kind: 'day', from: value, to: formatDate(parseDate(value) + 1) };
  return null;
}

function parseOne(param: string, raw: string): { prefix: Prefix; range: DateRange } {
  const prefix = PREFIXES.find((p) => raw.startsWith(p)) ?? 'eq';
  const value = raw.startsWith(prefix) ? raw.slice(2) : raw;
  const day = dayRange(value);
  if (day) return { prefix, range: day };
  if (isInstantWithOffset(value)) {
    const at = Date.parse(value);
    return { prefix, range: { kind: 'instant', from: at, to: at + 1000 } };
  }
  throw badRequest('invalid-search-parameter', `${param}=${raw}: give [eq|ge|gt|le|lt] and a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date-time with an offset`, {
    field: param,
  });
}

function fold<T>(
  param: string,
  values: string[] | undefined,
  toT: (r: DateRange, end: 'from' | 'to') => T,
  max: (a: T, b: T) => T,
  min: (a: T, b: T) => T,
): Bounds<T> {
  const bounds: Bounds<T> = { lower: null, upper: null };
  const atLeast = (v: T) => (bounds.lower = bounds.lower === null ? v : max(bounds.lower, v));
  const before = (v: T) => (bounds.upper = bounds.upper === null ? v : min(bounds.upper, v));
  for (const raw of values ?? []) {
    const { prefix, range } = parseOne(param, raw);
    if (prefix === 'eq' || prefix === 'ge') atLeast(toT(range, 'from'));
    if (prefix === 'gt') atLeast(toT(range, 'to'));
    if (prefix === 'eq' || prefix === 'le') before(toT(range, 'to'));
    if (prefix === 'lt') before(toT(range, 'from'));
  }
  return bounds;
}

/** Bounds on an instant column; a bare date is a day in the center's zone (FHIR: the server's). */
export function instantBounds(param: string, values: string[] | undefined, timeZone: string): Bounds<Date> {
  const toDate = (r: DateRange, end: 'from' | 'to') => new Date(r.kind === 'instant' ? r[end] : localMidnight(timeZone, parseDate(r[end])) * 60_000);
  return fold(
    param,
    values,
    toDate,
    (a, b) => (a > b ? a : b),
    (a, b) => (a < b ? a : b),
  );
}

/** Bounds on a date column (a birth date): dates only. */
export function dayBounds(param: string, values: string[] | undefined): Bounds<string> {
  const toDay = (r: DateRange, end: 'from' | 'to') => {
    if (r.kind !== 'day') throw badRequest('invalid-search-parameter', `${param} takes a date, not a date-time`, { field: param });
    return r[end];
  };
  return fold(
    param,
    values,
    toDay,
    (a, b) => (a > b ? a : b),
    (a, b) => (a < b ? a : b),
  );
}

/** `Patient/<id>` or a bare id, as FHIR reference search parameters allow. */
export function referenceId(param: string, value: string | undefined, type: string): string | null {
  if (value === undefined) return null;
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw badRequest('invalid-search-parameter', `${param} must be ${type}/<id> or an id`, { field: param });
  }
  return id.toLowerCase();
}

export function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${FHIR_BASE}`;
}

export interface Page {
  count: number;
  offset: number;
}

/** `_count`/`_offset`/`_summary=count` (a count of 0 fetches no rows, only the total). */
export function pageOf(query: FhirSearchDto): Page {
  return { count: query._summary === 'count' ? 0 : (query._count ?? DEFAULT_COUNT), offset: query._offset ?? 0 };
}

/** The searchset: `total` always, entries unless `_summary=count`, `next` while more rows follow. */
export function searchBundle<R extends FhirResource>(req: Request, resources: R[], total: number, page: Page): Bundle<R> {
  const base = baseUrl(req);
  const path = (req.originalUrl ?? req.url).split('?')[0];
  const self = new URL(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl ?? req.url}`);
  const withOffset = (offset: number) => {
    const url = new URL(self.toString());
    url.searchParams.set('_offset', String(offset));
    url.searchParams.set('_count', String(page.count));
    return `${base}${path.slice(FHIR_BASE.length)}?${url.searchParams.toString()}`;
  };
  const link: Bundle['link'] = [{ relation: 'self', url: self.toString() }];
  if (page.count > 0 && page.offset + resources.length < total) link.push({ relation: 'next', url: withOffset(page.offset + page.count) });
  if (page.offset > 0 && page.count > 0) link.push({ relation: 'previous', url: withOffset(Math.max(0, page.offset - page.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
