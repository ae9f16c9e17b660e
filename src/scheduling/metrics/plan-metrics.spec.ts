import { demoCenter } from '../defaults/demo-center';
import { booking, course } from '../testing/booking-factory';
import { planMetrics } from './plan-metrics';

describe('planMetrics', () => {
  const center = demoCenter();
  const window = { from: '2027-03-01', to: '2027-03-31' };

  it('counts the fractions more than 30 minutes off their course time of day (soft rule 2)', () => {
    const c = course('A', { fractions: 4, earliestStart: '2027-03-01', dueStart: '2027-03-05' });
    const appointments = [
      booking('A', 1, 'G1', '2027-03-01', '10:00'),
      booking('A', 2, 'G1', '2027-03-02', '10:30'), // 30 min: still on time of day
      booking('A', 3, 'G2', '2027-03-03', '11:00'), // 60 min off
      booking('A', 4, 'G1', '2027-03-04', '09:20'), // 40 min off
    ];
    const m = planMetrics(center, [c], appointments, window);
    expect(m.offTimeOfDayShare).toBeCloseTo(2 / 3, 4);
    expect(m.timeOfDaySpreadMinutes.p50).toBe(100);
    expect(m.onTimeByUrgency.ROUTINE).toEqual({ courses: 1, onTime: 1 });
  });

  it('utilization is booked over open room minutes of the window', () => {
    const c = course('A', { fractions: 1, earliestStart: '2027-03-01' });
    const m = planMetrics(center, [c], [booking('A', 1, 'G1', '2027-03-01', '10:00')], { from: '2027-03-01', to: '2027-03-01' });
    // 3 rooms x (07:00-23:00 minus 30 min QA) = 2790 open minutes; 30 booked.
    expect(m.utilization).toBeCloseTo(30 / 2790, 4);
  });
});
