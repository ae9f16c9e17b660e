import { restoreDatabase, tableCounts } from '../database/backup';
import { checkInvariants } from '../database/invariants';

const USAGE = 'usage: npm run restore -- <dump file | - for stdin> <new database name | postgres:// URL>';

/** A bare name is a database on DATABASE_URL's server; a URL names server and database both. */
function targetUrl(target: string): string {
  if (/^postgres(ql)?:\/\//.test(target)) return target;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beamtime');
  url.pathname = `/${encodeURIComponent(target)}`;
  return url.toString();
}

/**
 * `npm run restore -- FILE NAME`: restores a dump of `npm run backup` into a new database (never
 * over an existing one), then checks what must hold (quota counters = ledger, no overlapping
 * bookings, append-only audit log and ledger, sequences ahead of their rows) and prints the row
 * counts. Exits 1 when the restore or a check fails. Point DATABASE_URL at the new database to use it.
 */
async function main(): Promise<void> {
  const [source, target] = process.argv.slice(2);
  if (!source || !target || process.argv.length > 4) throw new Error(USAGE);
  const url = targetUrl(target);
  const restored = await restoreDatabase(url, source);
  console.log(`restore: ${source === '-' ? 'stdin' : source} → database ${restored.database} in ${restored.ms} ms`);
  const report = await checkInvariants(url);
  console.log(JSON.stringify({ tables: await tableCounts(url), checked: report.checked, problems: report.problems }, null, 2));
  if (report.problems.length > 0) throw new Error(`${report.problems.length} invariant(s) broken in ${restored.database}`);
}

main().catch((error: Error) => {
  console.error(`restore failed: ${error.message}`);
  process.exit(1);
});
