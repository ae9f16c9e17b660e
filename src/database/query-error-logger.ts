import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own error logging prints a failed query with its parameters (patients' names, MRNs) to
 * stderr, outside the structured log and its redaction. A failure is logged here instead, through Nest's
 * logger (pino in the app), with the statement's first words and PostgreSQL's code, never the parameters;
 * the error itself still reaches the caller, which turns it into a problem or a retry.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    const message = typeof error === 'string' ? error : error.message;
    this.logger.warn(`query failed (${code ?? 'no SQLSTATE'}): ${message} [${statementHead(query)}]`);
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

/** The statement's kind and table (`INSERT INTO "audit_log"`), enough to find the code path, nothing of the data. */
export function statementHead(query: string): string {
  return query.replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).join(' ');
}
