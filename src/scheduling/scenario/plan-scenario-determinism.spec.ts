import { generateScenario } from './generate-scenario';
import { planScenario } from './plan-scenario';
import { checkSchedule } from '../rules/check-schedule';
import { scenarioCourses, scenarioToCenter } from './scenario-center';

describe('offline planner', () => {
  const scenario = generateScenario({ courses: 150, year: 2027, seed: 7 });

  it('same scenario, same plan, byte for byte', () => {
    const a = JSON.stringify(planScenario(scenario));
    const b = JSON.stringify(planScenario(JSON.parse(JSON.stringify(scenario))));
    expect(b).toBe(a);
  });

  it('the generator is seeded: same seed same file, another seed another file', () => {
    expect(JSON.stringify(generateScenario({ courses: 150, year: 2027, seed: 7 }))).toBe(JSON.stringify(scenario));
    expect(JSON.stringify(generateScenario({ courses: 150, year: 2027, seed: 8 }))).not.toBe(JSON.stringify(scenario));
  });

  it('plans in arrival order with no hard-rule violation and sensible metrics', () => {
    const plan = planScenario(scenario);
    const center = scenarioToCenter(scenario);
    const courses = scenarioCourses(scenario, center);
    const bookings = plan.appointments.map((a) => {
      const c = courses.find((x) => x.id === a.courseId)!;
      const s = Date.parse(a.start);
      const iso = (t: number) => new Date(t).toISOString();
      return {
        ...a,
        beamStart: iso(s + c.beamOffsetMinutes * 60_000),
        beamEnd: iso(s + (c.beamOffsetMinutes + c.beamMinutes) * 60_000),
        anesthesia: c.requiresAnesthesia,
      };
    });
    expect(checkSchedule(center, bookings, courses)).toEqual([]);
    expect(plan.metrics.courses).toBe(150);
    expect(plan.metrics.scheduled + plan.unscheduled.length).toBe(150);
    expect(plan.metrics.utilization).toBeGreaterThan(0);
    expect(plan.metrics.utilization).toBeLessThanOrEqual(1);
    expect(plan.appointments[0]).toEqual({
      courseId: expect.any(String),
      fraction: 1,
      roomId: expect.stringMatching(/^G[123]$/),
      start: expect.stringMatching(/\+05:00$/),
      end: expect.any(String),
    });
  });

  it('scenario defaults: omitted fields take SPEC values', () => {
    const plan = planScenario({
      timezone: 'Asia/Almaty',
      horizon: { from: '2027-03-01', to: '2027-03-31' },
      rooms: [{ id: 'G1', kind: 'GANTRY' }],
      calendar: {
        hours: {
          mon: ['07:00', '23:00'],
          tue: ['07:00', '23:00'],
          wed: ['07:00', '23:00'],
          thu: ['07:00', '23:00'],
          fri: ['07:00', '23:00'],
          sat: null,
          sun: null,
        },
      },
      courses: [{ id: 'X', arrival: '2027-03-01T09:00:00+05:00', fractions: 3, patientCategory: 'PEDIATRIC' }],
    });
    expect(plan.appointments).toHaveLength(3);
    const a = plan.appointments[0];
    expect((Date.parse(a.end) - Date.parse(a.start)) / 60_000).toBe(40);
  });
});
