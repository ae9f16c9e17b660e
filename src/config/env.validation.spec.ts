import { validateEnvironment } from './env.validation';

describe('validateEnvironment: TZ_CENTER', () => {
  it('takes an IANA zone, Asia/Almaty by default', () => {
    expect(validateEnvironment({}).TZ_CENTER).toBe('Asia/Almaty');
    expect(validateEnvironment({ TZ_CENTER: 'Asia/Qostanay' }).TZ_CENTER).toBe('Asia/Qostanay');
  });

  // The first migration writes TZ_CENTER into the calendar: a typo there broke every local-time computation after boot.
  it.each(['Asia/Atlantis', 'UTC+5', '+05:00', 'Almaty'])('stops at boot with one line for %s', (zone) => {
    expect(() => validateEnvironment({ TZ_CENTER: zone })).toThrow(/^Invalid configuration: TZ_CENTER: TZ_CENTER must be an IANA time zone such as Asia\/Almaty$/);
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
