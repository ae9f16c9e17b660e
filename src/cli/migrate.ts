import { ensureDatabase, runMigrations } from '../database/database-admin';

/** `npm run migrate`: creates the database if missing, then applies pending migrations. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beamtime';
  if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const ran = await runMigrations(url);
  console.log(ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'schema is up to date');
}

main().catch((error: Error) => {
  console.error(`migration failed: ${error.message}`);
  process.exit(1);
});
