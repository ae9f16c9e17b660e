import { Scenario } from '../types';
export interface GenerateScenarioOptions { courses: number; year: number; seed: number; timeZone?: string }
export function generateScenario(opts: GenerateScenarioOptions): Scenario { void opts; throw new Error('not implemented yet'); }
