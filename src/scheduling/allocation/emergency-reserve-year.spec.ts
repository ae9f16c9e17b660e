/**
 * The case the reserve leaked in (docs/scheduling-core.md, "Keeping room for urgent patients"): in
 * the generated year of seed 3 a child's emergency under anesthesia (C0514, submitted 30 August)
 * started three weeks late. An URGENT child placed off the lane template had taken the template's
 * second anesthesia place, and two adult emergencies of 25 August the standard slot and the last
 * anesthesia place while the child's 40-minute slot was free.
 */
import { generateScenario } from '../scenario/generate-scenario';
import { scenarioCourses, scenarioToCenter } from '../scenario/scenario-center';
import { createPlanner } from './planner';

describe('the emergency reserve over a generated year', () => {
  it('seed 3: the child’s emergency under anesthesia of 30 August starts on time', () => {
    const scenario = generateScenario({ courses: 800, year: 2027, seed: 3, patientWindowsShare: 0.1 });
    const center = scenarioToCenter(scenario);
    const planner = createPlanner(center, []);
    for (const c of scenarioCourses(scenario, center)) {
      const r = planner.allocate(c, { now: c.arrival, lastStartDate: scenario.horizon.to });
      if (c.id !== 'C0514') continue;
      expect(c).toMatchObject({ urgency: 'EMERGENCY', requiresAnesthesia: true, dueStart: '2027-08-31' });
      expect(r).toMatchObject({ status: 'SCHEDULED', lateStart: false });
      return;
    }
    throw new Error('C0514 is not in the scenario any more: the generator changed, find the case again');
  });
});
