import { freeGaps, nextStartInside, previousStartInside } from './intervals';

describe('freeGaps', () => {
  it('returns the open time around bookings, clipped to the open interval', () => {
    const busy = [
      { s: 400, e: 450 },
      { s: 450, e: 480 },
      { s: 600, e: 700 },
      { s: 1300, e: 1400 },
    ];
    expect(freeGaps([420, 1320], busy)).toEqual([
      [480, 600],
      [700, 1300],
    ]);
  });

  it('is the whole interval when nothing is booked, and empty when it is full', () => {
    expect(freeGaps([0, 60], [])).toEqual([[0, 60]]);
    expect(freeGaps([0, 60], [{ s: 0, e: 60 }])).toEqual([]);
  });
});

describe('nextStartInside / previousStartInside', () => {
  const open: Array<[number, number]> = [
    [0, 100],
    [200, 300],
  ];

  it('keeps a start that already fits', () => {
    expect(nextStartInside(open, 10, 30)).toBe(10);
    expect(previousStartInside(open, 250, 50)).toBe(250);
  });

  it('moves forward to the next interval long enough, or gives up', () => {
    expect(nextStartInside(open, 90, 30)).toBe(200);
    expect(nextStartInside(open, 150, 30)).toBe(200);
    expect(nextStartInside(open, 280, 30)).toBeNull();
  });

  it('moves backward to end inside the last interval starting at or before the start, or gives up', () => {
    expect(previousStartInside(open, 280, 30)).toBe(270);
    expect(previousStartInside(open, 150, 30)).toBe(70);
    expect(previousStartInside([[50, 100]], 10, 30)).toBeNull();
  });
});
