import { findTextDefect, isBlankText, textDefect } from './text-rules';

describe('text rules', () => {
  it.each(['', '   ', '\u200B', '\u200B\u200C\u200D\u2060\uFEFF', '\u00AD\u3164', ' \t\u200B\n'])('%j is blank', (value) => {
    expect(isBlankText(value)).toBe(true);
  });

  it.each(['Aigerim', 'Ә', 'می\u200Cخواهم', '\u200BA'])('%j is not blank: invisible characters inside a name are allowed', (value) => {
    expect(isBlankText(value)).toBe(false);
  });

  it.each([
    ['a BEL', 'Ali\u0007', /control characters/],
    ['an ESC', '\u001B[31mred', /control characters/],
    ['a DEL', 'x\u007F', /control characters/],
    ['a C1 control', 'x\u0085', /control characters/],
    ['a lone high surrogate', 'A\uD800', /lone surrogate/],
    ['a lone low surrogate', '\uDC00B', /lone surrogate/],
  ])('refuses %s', (_label, value, reason) => {
    expect(textDefect('firstName', value)).toMatch(reason);
    expect(textDefect('firstName', value)).toMatch(/^firstName /);
  });

  it.each(['line one\nline two\r\n\tindented', 'emoji 😀 pair', 'Нұрланқызы'])('accepts %j (tab, line breaks, surrogate pairs)', (value) => {
    expect(textDefect('reason', value)).toBeNull();
  });

  it('finds the first bad string of a body with its path, in values and keys', () => {
    expect(findTextDefect({ firstName: 'ok', items: [{ reason: 'ok' }, { reason: 'bell\u0007' }] })).toEqual({
      field: 'items.1.reason',
      message: 'items.1.reason must not contain control characters (such as BEL or ESC)',
    });
    expect(findTextDefect({ nested: { ['k\uD800']: 1 } })).toEqual({
      field: 'nested',
      message: 'a key must be valid Unicode text (it contains a lone surrogate)',
    });
    expect(findTextDefect('\u0007')?.field).toBe('body');
    expect(findTextDefect({ a: ['fine', 1, null, { b: 'fine\n' }] })).toBeNull();
  });
});
