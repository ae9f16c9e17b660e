import { formatInstant, offsetMinutes, parseInstant } from './zone';

describe('zone offsets (cached per quarter hour)', () => {
  it("follows Almaty's move from +06:00 to +05:00 on 2024-03-01", () => {
    const before = parseInstant('2024-02-29T23:45:00+06:00');
    const after = parseInstant('2024-03-01T00:00:00+05:00');
    expect(offsetMinutes('Asia/Almaty', before)).toBe(360);
    expect(offsetMinutes('Asia/Almaty', after)).toBe(300);
    // Asked again (now from the cache), in the other order, the answers stay the same.
    expect(offsetMinutes('Asia/Almaty', after)).toBe(300);
    expect(offsetMinutes('Asia/Almaty', before)).toBe(360);
  });

  it('formats a DST zone on both sides of a transition', () => {
    const winter = parseInstant('2027-03-28T00:30:00Z');
    const summer = parseInstant('2027-03-28T01:30:00Z');
    expect(formatInstant('Europe/Berlin', winter)).toBe('2027-03-28T01:30:00+01:00');
    expect(formatInstant('Europe/Berlin', summer)).toBe('2027-03-28T03:30:00+02:00');
  });
});
