import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { ensureDatabase } from './database-admin';

/**
 * The connection as libpq environment variables, so the password never shows in a process list
 * (`ps` shows pg_dump's arguments to every user of the host).
 */
function libpqEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: url.hostname || '127.0.0.1',
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username || 'postgres'),
    PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** pg_dump / pg_restore: from PG_BIN_DIR when set (to match the server's major version), else from PATH. */
function binary(name: 'pg_dump' | 'pg_restore'): string {
  return process.env.PG_BIN_DIR ? join(process.env.PG_BIN_DIR, name) : name;
}

/** Runs a PostgreSQL client tool with stdin/stdout streamed; rejects with its stderr when it fails. */
async function runTool(name: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string, io: { input?: Readable; output?: Writable }): Promise<void> {
  const child = spawn(binary(name), args, { env: libpqEnvironment(databaseUrl), stdio: [io.input ? 'pipe' : 'ignore', io.output ? 'pipe' : 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const streams: Array<Promise<void>> = [];
  if (io.input && child.stdin) streams.push(pipeline(io.input, child.stdin));
  if (io.output && child.stdout) streams.push(pipeline(child.stdout, io.output, { end: io.output !== process.stdout }));
  const [code] = await Promise.all([exited, ...streams]);
  if (code !== 0) throw new Error(`${name} exited with ${code}: ${stderr.trim()}`);
}

export interface BackupResult {
  /** The file written, or '-' for stdout. */
  target: string;
  bytes: number | null;
  ms: number;
}

/**
 * A consistent snapshot of the whole database (pg_dump runs in one REPEATABLE READ transaction, so
 * a quota, its ledger and the audit log are from the same instant while the service keeps writing),
 * in pg_dump's custom format: compressed, and pg_restore can restore it selectively or in parallel.
 */
export async function backupDatabase(databaseUrl: string, target: string): Promise<BackupResult> {
  const started = Date.now();
  const toStdout = target === '-';
  await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges'], databaseUrl, {
    output: toStdout ? process.stdout : createWriteStream(target, { mode: 0o600 }),
  });
  return { target, bytes: toStdout ? null : statSync(target).size, ms: Date.now() - started };
}

export interface RestoreResult {
  database: string;
  ms: number;
}

/**
 * Restores a custom-format dump into a database that must not exist yet (restoring over live
 * data would mix two histories): creates it, then pg_restore in one transaction, so a failed
 * restore leaves an empty database rather than half of one. The schema, the constraints and the
 * append-only triggers come from the dump; triggers are created after the data is loaded, so the
 * ledger's rows do not add to the restored counters a second time.
 */
export async function restoreDatabase(databaseUrl: string, source: string): Promise<RestoreResult> {
  const started = Date.now();
  const database = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!database) throw new Error('name the database to restore into');
  if (!(await ensureDatabase(databaseUrl))) throw new Error(`database ${database} already exists: restore into a new one, then switch DATABASE_URL to it`);
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${database}`], databaseUrl, {
    input: source === '-' ? process.stdin : createReadStream(source),
  });
  return { database, ms: Date.now() - started };
}

/** Rows per table of the public schema, to compare a restore with its source. */
export async function tableCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const counts: Record<string, number> = {};
    for (const { name } of rows) {
      const { rows: n } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name.replace(/"/g, '""')}"`);
      counts[name] = n[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}
