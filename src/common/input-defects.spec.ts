import { findInputDefect, MAX_INPUT_DEPTH } from './input-defects';

/** `levels` containers, alternating objects and arrays, around `leaf`. */
function nest(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('findInputDefect', () => {
  it('passes ordinary bodies, primitives and a missing body', () => {
    expect(findInputDefect({ hours: { mon: [['07:00', '23:00']], sat: null }, teams: 2, ok: true, note: 'a\\u0000b' })).toBeNull();
    for (const value of [undefined, null, 0, '', 'text', [], {}]) expect(findInputDefect(value)).toBeNull();
  });

  it(`allows exactly ${MAX_INPUT_DEPTH} levels of nesting and refuses one more`, () => {
    expect(findInputDefect(nest(MAX_INPUT_DEPTH))).toBeNull();
    expect(findInputDefect(nest(MAX_INPUT_DEPTH + 1))).toBe('too-deep');
    expect(findInputDefect(nest(3), 3)).toBeNull();
    expect(findInputDefect(nest(4), 3)).toBe('too-deep');
  });

  it('walks a nesting far beyond the call stack without throwing', () => {
    expect(findInputDefect(nest(1_000_000))).toBe('too-deep');
  });

  it('finds a NUL character in any string value or key, at any depth', () => {
    expect(findInputDefect('a\u0000')).toBe('nul-character');
    expect(findInputDefect({ firstName: 'A\u0000' })).toBe('nul-character');
    expect(findInputDefect({ 'mrn\u0000': 'x' })).toBe('nul-character');
    expect(findInputDefect([1, { list: ['ok', 'b\u0000'] }])).toBe('nul-character');
    expect(findInputDefect(nest(10, '\u0000'))).toBe('nul-character');
  });
});
