import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm run plan` as a user runs it: a fresh process on a scenario file. */
function plan(...args: string[]) {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'plan.ts'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run plan (offline planner CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beamtime-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('plans a scenario, prints the summary and writes the plan with --out', () => {
    const scenario = file('small.json', {
      horizon: { from: '2027-03-01', to: '2027-03-31' },
      courses: [
        { id: 'A', arrival: '2027-03-01T09:00:00+05:00', fractions: 5 },
        { id: 'B', arrival: '2027-03-01T10:00:00+05:00', fractions: 3, urgency: 'URGENT', patientCategory: 'PEDIATRIC' },
      ],
    });
    const out = join(dir, 'plan.json');
    const r = plan(scenario, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Scenario .*small\.json: 2 courses, horizon 2027-03-01 \.\. 2027-03-31$/m);
    expect(r.out).toMatch(/^Scheduled 2, unscheduled 0/m);
    expect(r.out).toMatch(/^Allocated 2 courses in \d+ ms$/m);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.appointments).toHaveLength(8);
    expect(written.metrics).toMatchObject({ courses: 2, scheduled: 2 });
  });

  it('refuses a scenario it cannot plan with every problem by path, exit code 2 and no plan', () => {
    const out = join(dir, 'not-written.json');
    const r = plan(
      file('bad.json', { horizon: { from: '2027-03-01', to: '2027-03-31' }, courses: [{ id: 'A', arrival: '2027-03-01', fractions: 'x' }] }),
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /is not valid:\n {2}courses\[0\]\.arrival: must be an ISO 8601 instant with an offset.*\n {2}courses\[0\]\.fractions: must be a whole number from 1 to 45\n$/,
    );
    expect(r.out).toBe('');
    expect(() => readFileSync(out)).toThrow();
    expect(plan(file('broken.json', '{"horizon":')).err).toMatch(/^cannot read scenario .*broken\.json: /);
    expect(plan().code).toBe(2);
  });
});
