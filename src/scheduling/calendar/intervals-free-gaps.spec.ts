import { freeGaps } from './intervals';

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
