import { dayIntervalsProblem } from './weekly-hours';

describe('dayIntervalsProblem', () => {
  it.each([
    [null],
    [[]],
    [[['07:00', '23:00']]],
    [
      [
        ['07:00', '15:00'],
        ['15:00', '23:00'],
      ],
    ],
    [
      [
        ['15:00', '23:00'],
        ['07:00', '12:00'],
      ],
    ],
    [[['00:00', '24:00']]],
  ])('accepts %j', (value) => {
    expect(dayIntervalsProblem(value)).toBeNull();
  });

  it.each([
    [undefined, /must be given/],
    ['07:00-23:00', /must be null or a list/],
    [[['07:00']], /expected a pair/],
    [[['07:00', 23]], /expected a pair/],
    [[['7:00', '23:00']], /"7:00".*HH:mm/],
    [[['07:00', '24:01']], /"24:01"/],
    [[['07:60', '23:00']], /"07:60"/],
    [[['24:00', '24:00']], /starting at 24:00/],
    [[['23:00', '07:00']], /23:00–07:00: the start must be before the end/],
    [[['10:00', '10:00']], /start must be before the end/],
    [
      [
        ['07:00', '15:00'],
        ['14:59', '23:00'],
      ],
      /overlapping intervals 07:00–15:00 and 14:59–23:00/,
    ],
    [Array.from({ length: 9 }, (_, i) => [`0${i}:00`, `0${i}:30`]), /at most 8/],
  ])('rejects %j', (value, message) => {
    expect(dayIntervalsProblem(value)).toMatch(message);
  });
});
