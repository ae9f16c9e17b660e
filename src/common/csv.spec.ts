import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('keeps numbers as numbers (a negative delta is not a formula) but defuses text that starts a formula', () => {
    expect(
      toCsv(
        ['n', 't'],
        [
          [-1, '=HYPERLINK("x")'],
          [0, '@SUM(A1)'],
        ],
      ),
    ).toBe('n,t\r\n-1,"\'=HYPERLINK(""x"")"\r\n0,\'@SUM(A1)\r\n');
  });
});
