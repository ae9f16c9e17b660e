import { backupDatabase } from '../database/backup';

const USAGE = 'usage: npm run -s backup -- <file | - for stdout>   (DATABASE_URL names the database; default the local beamtime)';

/**
 * `npm run backup -- FILE`: a consistent pg_dump (custom format) of DATABASE_URL while the service
 * keeps running. `-` writes the dump to stdout (run `npm run -s` so npm's banner stays out of it);
 * every message goes to stderr.
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) throw new Error(USAGE);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beamtime';
  const result = await backupDatabase(url, target);
  console.error(
    `backup: ${new URL(url).pathname.slice(1)} → ${target === '-' ? 'stdout' : target}${result.bytes === null ? '' : ` (${result.bytes} bytes)`} in ${result.ms} ms`,
  );
}

main().catch((error: Error) => {
  console.error(`backup failed: ${error.message}`);
  process.exit(1);
});
