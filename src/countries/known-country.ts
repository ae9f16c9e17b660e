import type { EntityManager } from 'typeorm';
import { unprocessable } from '../common/problem';
import { isIso3166Alpha2 } from './iso-3166';

export interface KnownCountry {
  code: string;
  partner: boolean;
}

/**
 * The country row a record is about to be bound to, or 422 `unknown-country`: the same answer
 * POST /quotas gives, for ministry accounts. A plain read suffices because
 * countries are never deleted.
 */
export async function requireKnownCountry(m: EntityManager, code: string, field = 'countryCode'): Promise<KnownCountry> {
  const [country]: KnownCountry[] = await m.query('SELECT code, partner FROM countries WHERE code = $1', [code]);
  if (!country) throw unprocessable('unknown-country', `Country ${code} does not exist (POST /countries first)`, { field });
  return country;
}

/**
 * A patient may come from any country, not only those the center has a quota agreement with
 * (the `countries` table): the code must only be an assigned ISO 3166-1 alpha-2 one.
 */
export function requireIsoCountry(code: string, field = 'countryCode'): void {
  if (!isIso3166Alpha2(code)) throw unprocessable('unknown-country', `${code} is not an ISO 3166-1 alpha-2 country code`, { field });
}
