import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

/** Enough for a week of boards and the course list's usual pages and filters; all of it goes at the next write anyway. */
export const MAX_READ_MODEL_ENTRIES = 64;

/**
 * Answers of the day board and the course list, kept per committed state of what they read
 * (`read_model_version`, bumped at the commit of every write to those tables: migration
 * 1765100025000). A hit costs one one-row query instead of the four to five queries, the row parsing
 * and the local-time formatting of a miss — what 100 clients polling the board need (issue #24 item 10).
 *
 * Never older than what a client has seen committed: the version is read before the answer is
 * computed, so an answer kept under version v holds at least every write committed by v, and a
 * client that saw its write committed reads a later version. A failed computation is not kept.
 * Values are shared between requests: callers must not change what they get.
 */
@Injectable()
export class ReadModelCache {
  private version: string | null = null;
  /** Promises, so the requests that arrive while an answer is computed wait for that one computation. */
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.currentVersion();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const kept = this.entries.get(key);
    if (kept) return kept as Promise<T>;
    // After a write, every request in flight misses at once: 100 clients would compute the same answer
    // 100 times (measured: 2 writes a second doubled the CPU per request). One computes; the rest wait.
    // Kept under the version read above (no await since), so an answer is never filed under a later one.
    const computing = compute();
    if (this.entries.size >= MAX_READ_MODEL_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, computing);
    computing.catch(() => {
      if (this.entries.get(key) === computing) this.entries.delete(key);
    });
    return computing;
  }

  private async currentVersion(): Promise<string> {
    const [row] = await preparedQuery<{ version: string }>(
      this.dataSource.manager,
      'read-model-version',
      'SELECT version::text AS version FROM read_model_version WHERE id = 1',
      [],
    );
    return row.version;
  }
}
