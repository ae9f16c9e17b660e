import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Role } from '../common/request-context';
import { typeOrmOptions } from '../database/typeorm-options';
import { PasswordHasher, PRODUCTION_BCRYPT_COST } from '../users/password-hasher';
import { insertUser } from '../users/user-writer';
import { requireKnownCountry } from '../countries/known-country';
import { readPassword } from './read-password';
import { tablesExist } from '../database/tables-exist';

const USAGE =
  'usage: npm run user:create -- --username <name> --role ADMIN|COORDINATOR|MINISTRY [--country KG]\n' +
  '       password from the BEAMTIME_PASSWORD environment variable or stdin (never a flag)';
const ROLES: readonly Role[] = ['ADMIN', 'COORDINATOR', 'MINISTRY'];
const CLI_ACTOR: Actor = { userId: null, username: 'system:user-create', role: 'SYSTEM', countryCode: null };

interface Options {
  username: string;
  role: Role;
  countryCode: string | null;
}

/** `--name value` and `--name=value`; any password flag is refused so it never lands in shell history. */
export function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (/^pass/i.test(name)) throw new Error('passwords are never accepted as flags: set BEAMTIME_PASSWORD or pipe it on stdin');
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
    values.set(name, value);
  }
  for (const name of values.keys()) {
    if (!['username', 'role', 'country'].includes(name)) throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  const username = values.get('username');
  const role = values.get('role')?.toUpperCase() as Role | undefined;
  const countryCode = values.get('country')?.toUpperCase() ?? null;
  if (!username || !/^[A-Za-z0-9._-]{3,64}$/.test(username)) throw new Error(`--username must be 3-64 letters, digits, dots, dashes or underscores\n${USAGE}`);
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  if (role === 'MINISTRY' && !countryCode) throw new Error('a MINISTRY user needs --country (ISO 3166-1 alpha-2, e.g. KG)');
  if (role !== 'MINISTRY' && countryCode) throw new Error(`a ${role} user has no country; drop --country`);
  if (countryCode && !/^[A-Z]{2}$/.test(countryCode)) throw new Error('--country must be two letters (ISO 3166-1 alpha-2)');
  return { username, role, countryCode };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const password = process.env.BEAMTIME_PASSWORD || (await readPassword(process.stdin, process.stderr));
  if (password.length < 8 || password.length > 72) throw new Error('the password must be 8-72 characters');

  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beamtime';
  const dataSource = new DataSource(typeOrmOptions(url));
  await dataSource.initialize();
  try {
    // Only the accounts schema matters here; other pending migrations are `npm run migrate`'s business.
    if (!(await tablesExist(dataSource.manager, 'users', 'audit_log'))) throw new Error('the database has no users table yet: run `npm run migrate` first');
    const passwordHash = await new PasswordHasher(PRODUCTION_BCRYPT_COST).hash(password);
    const user = await dataSource.transaction(async (manager) => {
      // The same check as POST /users: a ministry account must belong to a country the center knows.
      if (options.countryCode) await requireKnownCountry(manager, options.countryCode, 'country');
      return insertUser(manager, new AuditService(dataSource), { ...options, password }, passwordHash, CLI_ACTOR);
    });
    if (!user) throw new Error(`the username "${options.username}" is taken`);
    console.log(`created ${user.role}${user.countryCode ? ` (${user.countryCode})` : ''} user ${user.username} (${user.id})`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`user:create failed: ${error.message}`);
    process.exit(1);
  });
}
