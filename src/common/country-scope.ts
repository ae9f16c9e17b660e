import { Actor, requestContext, SYSTEM_ACTOR } from './request-context';

/**
 * The country a caller is confined to: a MINISTRY user's own country, or null for staff and
 * SYSTEM (no restriction). Services filter their queries with it, so another country's rows are
 * never loaded and their ids answer 404 — the rule lives in the data layer, not in controllers.
 *
 *   const country = countryScope(actor);
 *   if (country) qb.andWhere('q.country_code = :country', { country });
 */
export function countryScope(actor: Actor = requestContext.actor() ?? SYSTEM_ACTOR): string | null {
  if (actor.role !== 'MINISTRY') return null;
  // A MINISTRY actor always has a country (database CHECK); fail closed if one somehow does not.
  return actor.countryCode ?? '--';
}

/** Whether the actor may see a row belonging to `countryCode`. */
export function canSeeCountry(countryCode: string | null, actor?: Actor): boolean {
  const scope = countryScope(actor);
  return scope === null || scope === countryCode;
}
