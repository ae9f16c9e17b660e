import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { formatInstant, offsetMinutes, parseInstant } from './zone';

describe('zone offsets (cached per UTC day, each change found to the minute on a transition day)', () => {
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

  it('gives every quarter hour of a DST day its own offset, and a plain day one offset', () => {
    // Berlin: +01:00 until 01:00 UTC on 2027-03-28, +02:00 after; back at 01:00 UTC on 2027-10-31.
    const spring = parseInstant('2027-03-28T00:00:00Z');
    for (let m = 0; m < 1440; m += 15) expect(offsetMinutes('Europe/Berlin', spring + m)).toBe(m < 60 ? 60 : 120);
    const autumn = parseInstant('2027-10-31T00:00:00Z');
    for (let m = 0; m < 1440; m += 15) expect(offsetMinutes('Europe/Berlin', autumn + m)).toBe(m < 60 ? 120 : 60);
    const plain = parseInstant('2027-06-01T00:00:00Z');
    for (let m = 0; m < 1440; m += 7) expect(offsetMinutes('Europe/Berlin', plain + m)).toBe(120);
  });

  it("finds a change that is not on a quarter hour: St. John's left summer time at 00:01 local on 1996-10-27", () => {
    const before = parseInstant('1996-10-27T02:30:00Z');
    expect(formatInstant('America/St_Johns', before)).toBe('1996-10-27T00:00:00-02:30');
    expect(formatInstant('America/St_Johns', before + 1)).toBe('1996-10-26T23:01:00-03:30');
    // Every minute of both of that year's transition days, against @date-fns/tz itself.
    for (const dayStart of [parseInstant('1996-04-07T00:00:00Z'), parseInstant('1996-10-27T00:00:00Z')]) {
      for (let m = 0; m < 1440; m++) {
        const t = dayStart + m;
        expect(offsetMinutes('America/St_Johns', t)).toBe(-new TZDate(t * 60_000, 'America/St_Johns').getTimezoneOffset());
      }
    }
  });

  it('formats any instant in any zone as the wall clock and offset @date-fns/tz gives, and parses back', () => {
    const zones = ['Asia/Almaty', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC', 'America/Los_Angeles'];
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 120 * 525_600 }), (zone, minute) => {
        const d = new TZDate(minute * 60_000, zone);
        const off = -d.getTimezoneOffset();
        const sign = off >= 0 ? '+' : '-';
        const want =
          `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00` +
          `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
        const text = formatInstant(zone, minute);
        expect(text).toBe(want);
        expect(parseInstant(text)).toBe(minute);
      }),
      { numRuns: 2000, examples: [['America/St_Johns', 14_106_391]] },
    );
  });
});
