import { readFileSync } from 'node:fs';
import { validateScenario } from '../scheduling';
import type { Scenario } from '../scheduling';

/** How many problems to list before "… and N more": the first ones are usually the cause of the rest. */
const SHOWN = 20;

/** The scenario in `file`, or the message that says why it cannot be planned (for stderr, exit 2). */
export function readScenario(file: string): { scenario: Scenario } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { error: `cannot read scenario ${file}: ${(e as Error).message}` };
  }
  const problems = validateScenario(json);
  if (problems.length === 0) return { scenario: json as Scenario };
  const more = problems.length > SHOWN ? [`… and ${problems.length - SHOWN} more`] : [];
  return { error: [`scenario ${file} is not valid:`, ...problems.slice(0, SHOWN).map((p) => `  ${p}`), ...more].join('\n') };
}
