import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { course } from '../testing/booking-factory';
import { createPlanner } from './planner';

const center = demoCenter();

describe('rule 5 with a submission inside a minute', () => {
  it('starts no earlier than the next whole minute after the arrival instant', () => {
    const c = course('A', { fractions: 1, arrival: '2027-03-03T09:10:05+05:00', earliestStart: '2027-03-03' });
    const r = createPlanner(center, []).search(c, { now: c.arrival });
    if (r.status !== 'SCHEDULED') throw new Error(r.reason);
    expect(Date.parse(r.appointments[0].start)).toBeGreaterThanOrEqual(Date.parse(c.arrival));
  });

  it('the checker flags a fraction booked seconds before the course arrived', () => {
    const c = course('A', { fractions: 1, arrival: '2027-03-03T09:10:05+05:00', earliestStart: '2027-03-03' });
    const early = {
      courseId: 'A',
      fraction: 1,
      roomId: center.rooms[0].id,
      start: '2027-03-03T09:10:00+05:00',
      end: '2027-03-03T09:40:00+05:00',
      beamStart: '2027-03-03T09:20:00+05:00',
      beamEnd: '2027-03-03T09:28:00+05:00',
      anesthesia: false,
    };
    expect(checkSchedule(center, [early], [c]).map((v) => v.rule)).toContain(5);
  });
});
