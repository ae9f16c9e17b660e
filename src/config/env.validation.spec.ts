import { validateEnvironment } from './env.validation';

describe('validateEnvironment: TZ_CENTER', () => {
  it('takes an IANA zone, Asia/Almaty by default', () => {
    expect(validateEnvironment({}).TZ_CENTER).toBe('Asia/Almaty');
    expect(validateEnvironment({ TZ_CENTER: 'Asia/Qostanay' }).TZ_CENTER).toBe('Asia/Qostanay');
  });

  // The first migration writes TZ_CENTER into the calendar: a typo there broke every local-time computation after boot.
  it.each(['Asia/Atlantis', 'UTC+5', '+05:00', 'Almaty'])('stops at boot with one line for %s', (zone) => {
    expect(() => validateEnvironment({ TZ_CENTER: zone })).toThrow(
      /^Invalid configuration: TZ_CENTER: TZ_CENTER must be an IANA time zone such as Asia\/Almaty$/,
    );
  });
});

describe('validateEnvironment: IDEMPOTENCY_WAIT_MS', () => {
  it('waits 5 s by default and takes 0 (answer 409 at once) up to 60 s', () => {
    expect(validateEnvironment({}).IDEMPOTENCY_WAIT_MS).toBe(5000);
    expect(validateEnvironment({ IDEMPOTENCY_WAIT_MS: '0' }).IDEMPOTENCY_WAIT_MS).toBe(0);
    expect(validateEnvironment({ IDEMPOTENCY_WAIT_MS: '60000' }).IDEMPOTENCY_WAIT_MS).toBe(60000);
  });

  it.each(['-1', '60001', '1.5', 'soon'])('stops at boot for %s', (value) => {
    expect(() => validateEnvironment({ IDEMPOTENCY_WAIT_MS: value })).toThrow(/^Invalid configuration: IDEMPOTENCY_WAIT_MS: /);
  });
});

describe('validateEnvironment: JWT_SECRET in production', () => {
  const production = (JWT_SECRET?: string) => validateEnvironment({ NODE_ENV: 'production', ...(JWT_SECRET === undefined ? {} : { JWT_SECRET }) });
  // What `openssl rand -base64 48` prints: 64 characters of 48 random bytes.
  const generated = 'q3J0mY8v+2Zt1bXkQe9LwR4s7NcHfUa5PdGo6iTjVyKx0Bn3WlMz8ArEhS1uCgFD';

  it('takes a generated secret', () => {
    expect(production(generated).JWT_SECRET).toBe(generated);
  });

  it.each([
    ['unset', undefined, /required in production/],
    ['blank', '', /required in production/],
    ['20 spaces', ' '.repeat(20), /required in production/],
    ['the published default', 'beamtime-insecure-demo-secret-change-me', /published default/],
    ["docker-compose's placeholder", 'change-this-secret-in-production', /published default/],
    ['fewer than 32 bytes', 'Zq8#vL2!pR7@xN4$kT9^mW3&', /at least 32 bytes in production \(it has 24\)/],
    ['one character repeated', 'a'.repeat(64), /too predictable/],
    ['a short pattern repeated', 'abc123'.repeat(8), /too predictable/],
  ])('refuses %s, saying how to make one', (_label, secret, reason) => {
    expect(() => production(secret)).toThrow(reason);
    expect(() => production(secret)).toThrow(/^Invalid configuration: JWT_SECRET: [^;]*; make one with `openssl rand -base64 48`$/);
  });

  it('counts bytes, not characters: 16 two-byte letters are 32 bytes, past the length check', () => {
    expect(() => production('ӘлияНұрланқызыҚ')).toThrow(/at least 32 bytes in production \(it has 30\)/);
    expect(() => production('ӘлияНұрланқызыҚа')).toThrow(/too predictable/);
  });

  it.each(['development', 'test', 'demo'])('%s keeps working with no secret or the default', (mode) => {
    expect(validateEnvironment({ NODE_ENV: mode }).JWT_SECRET).toBe('beamtime-insecure-demo-secret-change-me');
    expect(validateEnvironment({ NODE_ENV: mode, JWT_SECRET: 'test-secret-which-is-long-enough' }).JWT_SECRET).toBe('test-secret-which-is-long-enough');
  });
});
