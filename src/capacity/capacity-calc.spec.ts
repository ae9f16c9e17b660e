import { demoCenter } from '../scheduling';
import { roomCapacity } from './capacity-calc';

describe('roomCapacity', () => {
  const center = demoCenter();

  it('subtracts a downtime from open minutes and splits the range into ISO weeks', () => {
    const withDowntime = { ...center, downtimes: [{ roomId: 'G2', start: '2027-03-03T07:00:00+05:00', end: '2027-03-04T00:00:00+05:00' }] };
    const rooms = roomCapacity(withDowntime, [], '2027-03-01', '2027-03-10');
    const g1 = rooms.find((r) => r.roomId === 'G1')!;
    const g2 = rooms.find((r) => r.roomId === 'G2')!;
    expect(g1.weeks.map((w) => [w.isoWeek, w.days, w.openMinutes])).toEqual([
      ['2027-W09', 7, 5 * 930],
      // 8 March is a holiday; the range ends before Wednesday the 10th.
      ['2027-W10', 2, 930],
    ]);
    expect(g2.weeks[0].openMinutes).toBe(4 * 930);
    expect(g2.weeks[0].freeGaps['30']).toBe(4);
  });

  it('counts only the booked part inside open time and the gaps around bookings', () => {
    const rooms = roomCapacity(
      center,
      [
        // Starts during QA (06:50-07:30 local): only 07:30-07:40 is open time.
        { roomId: 'G3', start: '2027-03-02T07:00:00+05:00', end: '2027-03-02T07:40:00+05:00' },
        { roomId: 'G3', start: '2027-03-02T22:30:00+05:00', end: '2027-03-02T23:00:00+05:00' },
      ],
      '2027-03-02',
      '2027-03-03',
    );
    const w = rooms.find((r) => r.roomId === 'G3')!.weeks[0];
    expect(w.openMinutes).toBe(930);
    expect(w.bookedMinutes).toBe(10 + 30);
    // One gap 07:40-22:30 = 890 minutes.
    expect(w.freeGaps).toEqual({ '30': 1, '40': 1, '50': 1 });
    expect(w.freeSlots).toEqual({ '30': 29, '40': 22, '50': 17 });
    expect(w.utilization).toBeCloseTo(40 / 930, 4);
  });
});
