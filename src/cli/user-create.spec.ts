import { parseArgs } from './user-create';

describe('user:create arguments', () => {
  it('accepts both --name value and --name=value, normalising role and country', () => {
    expect(parseArgs(['--username', 'kg1', '--role', 'ministry', '--country=kg'])).toEqual({ username: 'kg1', role: 'MINISTRY', countryCode: 'KG' });
    expect(parseArgs(['--username=root', '--role=ADMIN'])).toEqual({ username: 'root', role: 'ADMIN', countryCode: null });
  });

  it('refuses passwords on the command line in any spelling', () => {
    expect(() => parseArgs(['--username', 'a1b', '--role', 'ADMIN', '--password', 'x'])).toThrow(/never accepted/);
    expect(() => parseArgs(['--username', 'a1b', '--role', 'ADMIN', '--pass=x'])).toThrow(/never accepted/);
  });

  it('checks the role/country pairing and unknown options', () => {
    expect(() => parseArgs(['--username', 'a1b', '--role', 'MINISTRY'])).toThrow(/needs --country/);
    expect(() => parseArgs(['--username', 'a1b', '--role', 'ADMIN', '--country', 'KG'])).toThrow(/no country/);
    expect(() => parseArgs(['--username', 'a1b', '--role', 'ROOT'])).toThrow(/--role/);
    expect(() => parseArgs(['--username', 'a1b', '--role', 'ADMIN', '--email', 'x@y'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--role', 'ADMIN'])).toThrow(/--username/);
  });
});
