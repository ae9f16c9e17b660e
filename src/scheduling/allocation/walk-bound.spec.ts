import fc from 'fast-check';
import { better, Trial, worseSoFar } from './course-search';

/**
 * A candidate's walk stops as soon as its partial trial cannot beat the day's best: every count
 * only grows as fractions are added, so the stop must never drop a trial that would have won.
 */
describe('the walk bound never cuts a walk that would have ranked first', () => {
  const counts = fc.record({ misses: fc.nat(3), off: fc.nat(3), roomChanges: fc.nat(3), waste: fc.nat(60), shift: fc.nat(120) });
  const trial = (c: Omit<Trial, 'placements'>): Trial => ({ placements: [], ...c });

  it('a partial trial it stops is never better than the bound after any further fractions', () => {
    fc.assert(
      fc.property(counts, counts, counts, (partial, bound, more) => {
        const final = trial({
          misses: partial.misses + more.misses,
          off: partial.off + more.off,
          roomChanges: partial.roomChanges + more.roomChanges,
          waste: partial.waste + more.waste,
          shift: partial.shift + more.shift,
        });
        return !worseSoFar(trial(partial), trial(bound)) || !better(final, trial(bound));
      }),
      { numRuns: 2000 },
    );
  });

  it('stops a walk that ties on the first three counts but already wastes more (most of a day’s candidates)', () => {
    const bound = trial({ misses: 0, off: 0, roomChanges: 0, waste: 10, shift: 0 });
    expect(worseSoFar(trial({ misses: 0, off: 0, roomChanges: 0, waste: 20, shift: 0 }), bound)).toBe(true);
    expect(worseSoFar(trial({ misses: 0, off: 0, roomChanges: 0, waste: 5, shift: 90 }), bound)).toBe(false);
  });
});
