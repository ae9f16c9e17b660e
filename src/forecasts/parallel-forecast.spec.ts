import { demoCenter, defaultArrivals, runForecast } from '../scheduling';
import type { ForecastInput } from '../scheduling';
import { ForecastAborted, runForecastParallel } from './parallel-forecast';

describe('runForecastParallel', () => {
  const input: ForecastInput = {
    center: demoCenter(),
    existing: [],
    now: '2027-01-11T00:00:00+05:00',
    horizonWeeks: 6,
    runs: 5,
    seed: 3,
    arrivals: defaultArrivals(800),
  };

  it('gives the same result on worker threads as inline, whatever the thread count', async () => {
    const inline = await runForecast(input);
    const progress: number[] = [];
    const two = await runForecastParallel(input, { threads: 2, onProgress: ({ done }) => void progress.push(done) });
    expect(two).toEqual(inline);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(await runForecastParallel(input, { threads: 0 })).toEqual(inline);
  }, 120_000);

  it('reports bad input before starting threads', async () => {
    await expect(runForecastParallel({ ...input, runs: 0 }, { threads: 2 })).rejects.toThrow(RangeError);
  });

  it.each([0, 2])(
    'stops when aborted after the first run (%i threads) with ForecastAborted',
    async (threads) => {
      const controller = new AbortController();
      const done: number[] = [];
      const run = runForecastParallel(
        { ...input, runs: 40 },
        {
          threads,
          signal: controller.signal,
          onProgress: ({ done: n }) => {
            done.push(n);
            controller.abort();
          },
        },
      );
      await expect(run).rejects.toThrow(ForecastAborted);
      expect(done.length).toBeLessThan(40);
    },
    120_000,
  );
});
