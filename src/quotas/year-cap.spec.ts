import fc from 'fast-check';
import { crossBorderCap } from './year-cap';

describe('crossBorderCap', () => {
  it('is 120 for the default center (800 courses, 15 %)', () => {
    expect(crossBorderCap(800, 0.15)).toBe(120);
  });

  it('does not lose a place to floating point (100 x 0.29 = 29, 100 x 0.57 = 57)', () => {
    expect(crossBorderCap(100, 0.29)).toBe(29);
    expect(crossBorderCap(100, 0.57)).toBe(57);
  });

  it('rounds a fractional place down', () => {
    expect(crossBorderCap(801, 0.15)).toBe(120); // 120.15
    expect(crossBorderCap(7, 0.5)).toBe(3);
  });

  it('equals floor(capacity x basis points / 10000) for every stored share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000 }), (capacity, bp) => {
        const cap = crossBorderCap(capacity, Number((bp / 10_000).toFixed(4)));
        expect(cap).toBe(Math.floor((capacity * bp) / 10_000));
        expect(cap).toBeGreaterThanOrEqual(0);
        expect(cap).toBeLessThanOrEqual(capacity);
      }),
    );
  });
});
