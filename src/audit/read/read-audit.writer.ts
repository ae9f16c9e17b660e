import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/request-context';

export interface ReadAuditEntry {
  actor: Actor;
  /** `entity.verb`, e.g. `course.read`, `course.list`. */
  action: string;
  entityId: string | null;
  patientIds: string[];
  requestId: string | null;
  at: Date;
}

interface Waiting {
  entry: ReadAuditEntry;
  done: (error?: Error) => void;
}

/** One INSERT carries at most this many requests' entries. */
const MAX_BATCH = 500;

/**
 * Group commit for read-audit rows. `write` resolves once the entry is committed, and the caller
 * answers the request only then: a crash can lose a read's answer, never its audit row, and a failed
 * INSERT fails the reads it carried instead of dropping their rows. Requests arriving while an INSERT
 * is in flight wait for the next one, which takes them all: under load one statement serves many
 * requests, so the audit costs a round trip of latency rather than a connection per request.
 */
@Injectable()
export class ReadAuditWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadAudit');
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write(entry: ReadAuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, done: (error) => (error === undefined ? resolve() : reject(error)) });
      this.kick();
    });
  }

  /** Resolves when everything written so far is committed (or has failed its callers). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Before the connection pool closes (TypeORM closes it on application shutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  private kick(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      await this.insert(batch.map((w) => w.entry));
      for (const w of batch) w.done();
    } catch (error) {
      this.logger.error(`read-audit INSERT of ${batch.length} entries failed; their requests fail: ${(error as Error).message}`);
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const w of batch) w.done(failure);
    }
  }

  private insert(entries: ReadAuditEntry[]): Promise<unknown> {
    // Column arrays unnested in one statement; patient ids travel as a JSON array per row (arrays of arrays do not unnest).
    return this.dataSource.query(
      `INSERT INTO read_audit (at, user_id, username, role, country_code, action, entity_id, patient_ids, request_id)
       SELECT at, user_id, username, role, country_code, action, entity_id,
              ARRAY(SELECT jsonb_array_elements_text(patients)::uuid), request_id
         FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[])
              AS x(at, user_id, username, role, country_code, action, entity_id, patients, request_id)`,
      [
        entries.map((e) => e.at),
        entries.map((e) => e.actor.userId),
        entries.map((e) => e.actor.username),
        entries.map((e) => e.actor.role),
        entries.map((e) => e.actor.countryCode),
        entries.map((e) => e.action),
        entries.map((e) => e.entityId),
        entries.map((e) => JSON.stringify(e.patientIds)),
        entries.map((e) => e.requestId),
      ],
    );
  }
}
