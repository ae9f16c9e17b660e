import type { Actor } from './request-context';
import { requestContext } from './request-context';
import { canSeeCountry, countryScope } from './country-scope';

const kg: Actor = { userId: 'u1', username: 'ministry-kg', role: 'MINISTRY', countryCode: 'KG' };
const coordinator: Actor = { userId: 'u2', username: 'coordinator', role: 'COORDINATOR', countryCode: null };

describe('countryScope', () => {
  it('confines a ministry to its country and leaves staff unrestricted', () => {
    expect(countryScope(kg)).toBe('KG');
    expect(countryScope(coordinator)).toBeNull();
    expect(canSeeCountry('KG', kg)).toBe(true);
    expect(canSeeCountry('UZ', kg)).toBe(false);
    expect(canSeeCountry(null, kg)).toBe(false);
    expect(canSeeCountry('UZ', coordinator)).toBe(true);
  });

  it('fails closed for a ministry without a country', () => {
    expect(canSeeCountry('KG', { ...kg, countryCode: null })).toBe(false);
  });

  it('reads the actor from the request context, SYSTEM outside requests', () => {
    expect(countryScope()).toBeNull();
    requestContext.run({ requestId: 'r1', actor: kg }, () => expect(countryScope()).toBe('KG'));
  });
});
