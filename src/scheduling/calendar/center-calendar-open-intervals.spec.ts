import { demoCenter } from '../defaults/demo-center';
import { anesthesiaWindow, openIntervals } from './calendar-queries';

describe('open intervals per room and day', () => {
  it('are the hours minus the first QA minutes, in the center zone (Almaty is UTC+05:00)', () => {
    expect(openIntervals(demoCenter(), 'G1', '2027-03-02')).toEqual([{ start: '2027-03-02T07:30:00+05:00', end: '2027-03-02T23:00:00+05:00' }]);
  });

  it('follow the zone, not UTC: the same hours in Europe/Berlin shift with DST', () => {
    const c = demoCenter('Europe/Berlin');
    expect(openIntervals(c, 'G1', '2027-01-12')[0].start).toBe('2027-01-12T07:30:00+01:00');
    expect(openIntervals(c, 'G1', '2027-07-13')[0].start).toBe('2027-07-13T07:30:00+02:00');
  });

  it('are empty on weekends, holidays and closures', () => {
    const c = { ...demoCenter(), closures: ['2027-03-03'] };
    expect(openIntervals(c, 'G1', '2027-03-06')).toEqual([]);
    expect(openIntervals(c, 'G1', '2027-03-08')).toEqual([]);
    expect(openIntervals(c, 'G1', '2027-03-03')).toEqual([]);
  });

  it('lose a room downtime in that room only, and a beam-line downtime in every room', () => {
    const c = {
      ...demoCenter(),
      downtimes: [
        { roomId: 'G2', start: '2027-03-02T10:00:00+05:00', end: '2027-03-02T12:00:00+05:00' },
        { roomId: null, start: '2027-03-02T20:00:00+05:00', end: '2027-03-02T21:00:00+05:00' },
      ],
    };
    expect(openIntervals(c, 'G1', '2027-03-02').map((i) => [i.start.slice(11, 16), i.end.slice(11, 16)])).toEqual([
      ['07:30', '20:00'],
      ['21:00', '23:00'],
    ]);
    expect(openIntervals(c, 'G2', '2027-03-02').map((i) => [i.start.slice(11, 16), i.end.slice(11, 16)])).toEqual([
      ['07:30', '10:00'],
      ['12:00', '20:00'],
      ['21:00', '23:00'],
    ]);
  });

  it('anesthesia window is Mon–Fri 08:00–13:00 by default', () => {
    expect(anesthesiaWindow(demoCenter(), '2027-03-02')).toEqual([{ start: '2027-03-02T08:00:00+05:00', end: '2027-03-02T13:00:00+05:00' }]);
    expect(anesthesiaWindow(demoCenter(), '2027-03-06')).toEqual([]);
  });
});
