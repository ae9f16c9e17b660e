import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor, Role } from '../common/request-context';
import { User } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  countryCode?: string | null;
}

/**
 * Inserts an account unless the username (case-insensitively) is taken — then null — and writes
 * its audit row in the same transaction. Shared by the HTTP service and the user:create CLI.
 */
export async function insertUser(
  manager: EntityManager,
  audit: Pick<AuditService, 'record'>,
  input: NewUser,
  passwordHash: string,
  actor?: Actor,
): Promise<User | null> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO users (username, password_hash, role, country_code)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT ((lower(username))) DO NOTHING
     RETURNING id`,
    [input.username, passwordHash, input.role, input.countryCode ?? null],
  );
  if (rows.length === 0) return null;
  const user = await manager.getRepository(User).findOneByOrFail({ id: rows[0].id });
  await audit.record(manager, {
    action: 'user.create',
    entity: 'user',
    entityId: user.id,
    details: { username: user.username, role: user.role, countryCode: user.countryCode },
    actor,
  });
  return user;
}
