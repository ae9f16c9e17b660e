import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ReadAuditEntry, ReadAuditWriter } from './read-audit.writer';

const entry = (i: number): ReadAuditEntry => ({
  actor: { userId: null, username: `u${i}`, role: 'COORDINATOR', countryCode: null },
  action: 'course.read',
  entityId: null,
  patientIds: [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`],
  requestId: null,
  at: new Date(0),
});

/** A DataSource whose INSERTs take a tick, record how many entries each carried, and fail when told. */
function fakeDataSource(fail: (call: number) => boolean) {
  const batches: number[] = [];
  const ds = {
    query: async (_sql: string, params: unknown[][]) => {
      await new Promise((r) => setImmediate(r));
      batches.push(params[0].length);
      if (fail(batches.length)) throw new Error('insert refused');
      return [];
    },
  } as unknown as DataSource;
  return { ds, batches };
}

describe('ReadAuditWriter: group commit', () => {
  it('answers many concurrent reads with few INSERTs, each entry written exactly once', async () => {
    const { ds, batches } = fakeDataSource(() => false);
    const writer = new ReadAuditWriter(ds);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.write(entry(i))));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(200);
    // The first write goes alone; everything that arrived while it was in flight goes in the next.
    expect(batches).toEqual([1, 199]);
  });

  it('fails exactly the writes of a failed INSERT and goes on with the next ones', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { ds, batches } = fakeDataSource((call) => call === 2);
    const writer = new ReadAuditWriter(ds);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => writer.write(entry(i))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
    await expect(writer.write(entry(9))).resolves.toBeUndefined();
    expect(batches).toEqual([1, 4, 1]);
    await writer.drain();
  });
});
