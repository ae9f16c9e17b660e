import fc from 'fast-check';
import { iinCheckDigit, nationalIdDefect } from './national-id';

/** A valid IIN made from 11 digits, when those digits admit one. */
function withCheckDigit(first11: string): string | null {
  const check = iinCheckDigit(first11);
  return check === null ? null : `${first11}${check}`;
}

describe('national ids', () => {
  it('accepts published-format IINs and refuses a changed check digit', () => {
    // 900101300123: first pass 1*9+2*0+3*0+4*1+5*0+6*1+7*3+8*0+9*0+10*1+11*2 = 72, 72 mod 11 = 6 -> not 3.
    expect(iinCheckDigit('90010130012')).toBe(6);
    expect(nationalIdDefect('KZ-IIN', '900101300126')).toBeNull();
    expect(nationalIdDefect('KZ-IIN', '900101300123')).toMatch(/check digit/);
    expect(nationalIdDefect('KZ-IIN', '90010130012')).toMatch(/12 digits/);
    expect(nationalIdDefect('KZ-IIN', '90010130012a')).toMatch(/12 digits/);
  });

  it('falls back to the second weights when the first pass gives 10', () => {
    // 1*0+...: digits chosen so the first pass is 10: 00000000010 -> 10*1 = 10; second pass 1*1... = weight 1 at index 9 -> 1.
    expect(iinCheckDigit('00000000010')).toBe(1);
  });

  // Weights 1..10 are non-zero mod 11, so a change to one of the first ten digits always changes the first
  // pass (the 11th digit's weight, 11, is 0 mod 11: the algorithm cannot see it); the second pass, taken
  // only on a 10, may let a change through, hence the precondition.
  const firstPass = (digits: string) => [...digits.slice(0, 11)].reduce((sum, d, i) => sum + Number(d) * (i + 1), 0) % 11;

  it('every single-digit change of an IIN checked in the first pass is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.nat(9), fc.integer({ min: 1, max: 9 }), (first11, pos, delta) => {
        const iin = withCheckDigit(first11);
        fc.pre(iin !== null);
        expect(nationalIdDefect('KZ-IIN', iin!)).toBeNull();
        const changed = [...iin!];
        changed[pos] = String((Number(changed[pos]) + delta) % 10);
        const other = changed.join('');
        fc.pre(firstPass(iin!) !== 10 && firstPass(other) !== 10);
        expect(nationalIdDefect('KZ-IIN', other)).not.toBeNull();
      }),
    );
  });

  it('KG PIN and UZ PINFL are 14 digits', () => {
    expect(nationalIdDefect('KG-PIN', '21203198700123')).toBeNull();
    expect(nationalIdDefect('KG-PIN', '2120319870012')).toMatch(/14 digits/);
    expect(nationalIdDefect('UZ-PINFL', '31203870230012')).toBeNull();
    expect(nationalIdDefect('UZ-PINFL', '3120387023001X')).toMatch(/14 digits/);
  });
});
