import { demoCenter } from '../defaults/demo-center';
import { Booking } from '../types';
import { idleBreakdown } from './idle-breakdown';

// Monday 1 March 2027 at the demo center: three rooms, 07:30–23:00 after QA, 2,790 open room minutes.
const DAY = '2027-03-01';
const OPEN = 3 * 930;
const KEEP = { adult: 1, child: 1, anesthesia: 2 };

const at = (hhmm: string) => `${DAY}T${hhmm}:00+05:00`;
/** A standard fraction: 30 minutes, beam 10–18 minutes after its start. */
const booking = (courseId: string, roomId: string, start: string, end: string, beamStart: string, beamEnd: string): Booking => ({
  courseId,
  fraction: 1,
  roomId,
  start: at(start),
  end: at(end),
  beamStart: at(beamStart),
  beamEnd: at(beamEnd),
  anesthesia: false,
});

describe('idle breakdown', () => {
  it('counts an empty day as placeable, with the emergency slots it keeps as part of it', () => {
    const idle = idleBreakdown(demoCenter(), [], DAY, DAY, 10, KEEP);
    expect(idle).toEqual({ sliver: 0, beamBlocked: 0, placeable: 1, emergencySlots: Math.round(((30 + 40 + 2 * 50) / OPEN) * 10000) / 10000 });
    expect(idleBreakdown(demoCenter(), [], DAY, DAY)).not.toHaveProperty('emergencySlots');
  });

  it('tells a sliver between two fractions from a gap a fraction still fits in', () => {
    // G1: 07:30–08:00 and 08:20–08:50 leave a 20-minute sliver between them.
    const bookings = [booking('A', 'G1', '07:30', '08:00', '07:40', '07:48'), booking('B', 'G1', '08:20', '08:50', '08:30', '08:38')];
    const idle = idleBreakdown(demoCenter(), bookings, DAY, DAY);
    const share = (m: number) => Math.round((m / OPEN) * 10000) / 10000;
    expect(idle.sliver).toBe(share(20));
    expect(idle.placeable).toBe(share(OPEN - 60 - 20));
  });
});
