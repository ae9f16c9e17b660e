import { CenterConfig, CourseRequest, Plan, Scenario } from '../types';
export function scenarioToCenter(s: Scenario): CenterConfig { void s; throw new Error('not implemented yet'); }
export function scenarioCourses(s: Scenario, center: CenterConfig): CourseRequest[] { void s; void center; throw new Error('not implemented yet'); }
export function planScenario(s: Scenario): Plan { void s; throw new Error('not implemented yet'); }
