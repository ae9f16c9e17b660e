import { freedSpans } from './freed-days';

const at = (h: number) => new Date(Date.UTC(2027, 3, 5, h));
const downtime = (start: number, end: number) => ({ id: 'd', roomId: null, start: at(start), end: at(end), reason: '' });

describe('freedSpans: the time a changed downtime no longer covers', () => {
  it('is the whole downtime when it is withdrawn', () => {
    expect(freedSpans(downtime(0, 48), null)).toEqual([[at(0).getTime(), at(48).getTime()]]);
  });

  it('is the cut-off head and tail when it is shortened at both ends', () => {
    expect(freedSpans(downtime(0, 48), downtime(10, 30))).toEqual([
      [at(0).getTime(), at(10).getTime()],
      [at(30).getTime(), at(48).getTime()],
    ]);
  });

  it('is nothing when it is only extended, and only the part left behind when it moves later', () => {
    expect(freedSpans(downtime(10, 30), downtime(0, 48))).toEqual([]);
    expect(freedSpans(downtime(0, 24), downtime(12, 60))).toEqual([[at(0).getTime(), at(12).getTime()]]);
    expect(freedSpans(downtime(0, 24), downtime(30, 60))).toEqual([[at(0).getTime(), at(24).getTime()]]);
  });
});
