/** The downtimes bench/reschedule-downtime.ts times: a room for three weeks, the beam line for two days. */
import { DowntimeSpec } from '../src/scheduling';

export const TIMED_DOWNTIMES: Array<{ name: string; downtime: DowntimeSpec; now: string }> = [
  // Declared a week ahead, so the routine courses that would have started in it have not.
  {
    name: 'room G2, three weeks in April',
    downtime: { roomId: 'G2', start: '2027-04-05T00:00:00+05:00', end: '2027-04-26T00:00:00+05:00' },
    now: '2027-03-29T09:00:00+05:00',
  },
  {
    name: 'beam line, two days in April',
    downtime: { roomId: null, start: '2027-04-13T00:00:00+05:00', end: '2027-04-15T00:00:00+05:00' },
    now: '2027-04-12T09:00:00+05:00',
  },
];
