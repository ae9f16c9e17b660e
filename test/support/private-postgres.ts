import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '../../src/database/database-admin';
import { freePort } from './private-redis';
import type { TestDatabase } from './test-env';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The installed server's binaries (Debian keeps them off PATH); PG_BIN_DIR overrides. */
const PG_BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
/** initdb and postgres refuse to run as root: as root, the cluster belongs to this account. */
const CLUSTER_USER = 'postgres';

function asClusterOwner(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const binary = join(PG_BIN, command);
  if (process.getuid?.() !== 0) return run(binary, args);
  return run('runuser', ['-u', CLUSTER_USER, '--', binary, ...args]);
}

/**
 * A PostgreSQL cluster of a test's own (initdb in a temp dir, its own port and socket dir), to stop
 * and start without touching the shared server. `stop()` is a crash-like immediate shutdown by
 * default: sessions are cut and uncommitted work is lost, exactly what an outage does.
 */
export class PrivatePostgres {
  private running = false;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'beamtime-pg-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', CLUSTER_USER]);
      const { stdout: gid } = await run('id', ['-g', CLUSTER_USER]);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const pg = new PrivatePostgres(await freePort(), dir);
    await asClusterOwner('initdb', ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    await pg.start();
    return pg;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** postgres://postgres@127.0.0.1:PORT, without a database. */
  get base(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    // fsync off: the test never crashes the machine, only the server, and the OS keeps what it wrote.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    await asClusterOwner('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', 'start']);
    this.running = true;
    await this.waitUntilAccepting();
  }

  /** `immediate` is a crash (recovery on the next start); `fast` rolls back and closes sessions cleanly. */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    if (!this.running) return;
    await asClusterOwner('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  /** Stops the server and deletes the cluster. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A new, fully migrated database on this cluster (its drop() is a no-op: destroy() removes it all). */
  async createDatabase(name = 'beamtime'): Promise<TestDatabase> {
    const url = `${this.base}/${name}`;
    await ensureDatabase(url);
    await runMigrations(url);
    return { url, name, drop: async () => undefined };
  }

  /** pg_ctl -w returns when the postmaster is up; crash recovery may still refuse sessions briefly (57P03). */
  private async waitUntilAccepting(ms = 30_000): Promise<void> {
    for (const deadline = Date.now() + ms; ; await sleep(100)) {
      const client = new Client({ connectionString: `${this.base}/postgres`, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }
}
