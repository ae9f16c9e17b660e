import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { badRequest, conflict, notFound } from '../common/problem';
import type { Actor, Role } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { preparedQuery } from '../database/prepared-query';
import { requireKnownCountry } from '../countries/known-country';
import { PasswordHasher, PRODUCTION_BCRYPT_COST, TEST_BCRYPT_COST } from './password-hasher';
import { User } from './user.entity';
import { insertUser, NewUser } from './user-writer';

export type { NewUser } from './user-writer';

export interface UserChanges {
  active?: boolean;
  password?: string;
  role?: Role;
  countryCode?: string | null;
}

/** The demo accounts the demo seed and the e2e suite rely on (SPEC §5, README). */
export const DEMO_USERS: ReadonlyArray<{ username: string; role: Role; countryCode: string | null }> = [
  { username: 'admin', role: 'ADMIN', countryCode: null },
  { username: 'coordinator', role: 'COORDINATOR', countryCode: null },
  { username: 'ministry-kg', role: 'MINISTRY', countryCode: 'KG' },
  { username: 'ministry-uz', role: 'MINISTRY', countryCode: 'UZ' },
];

@Injectable()
export class UsersService {
  readonly hasher: PasswordHasher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.hasher = new PasswordHasher(config.get('NODE_ENV') === 'test' ? TEST_BCRYPT_COST : PRODUCTION_BCRYPT_COST);
  }

  /** Creates an account and its audit row in one transaction; a taken username answers 409. */
  async create(input: NewUser): Promise<User> {
    const countryCode = checkRoleCountry(input.role, input.countryCode ?? null);
    checkPasswordBytes(input.password);
    // Before the (deliberately slow) hash; countries are never deleted, so the answer cannot go stale.
    if (countryCode) await requireKnownCountry(this.dataSource.manager, countryCode);
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insert(manager, { ...input, countryCode }, passwordHash);
      if (!user) throw conflict('username-taken', `The username "${input.username}" is taken`);
      return user;
    });
  }

  /**
   * Changes role/country, password or active flag under a row lock, auditing what changed (never
   * the password). An admin cannot disable or demote their own account, so no one locks
   * themselves out by accident.
   */
  async update(id: string, changes: UserChanges, actor: Actor): Promise<User> {
    if (changes.password !== undefined) checkPasswordBytes(changes.password);
    const passwordHash = changes.password === undefined ? undefined : await this.hasher.hash(changes.password);
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      const self = user.id === actor.userId;
      if (self && (changes.active === false || (changes.role !== undefined && changes.role !== user.role))) {
        throw conflict('self-lockout', 'You cannot disable or change the role of your own account');
      }
      const role = changes.role ?? user.role;
      const countryCode = changes.countryCode !== undefined ? changes.countryCode : changes.role !== undefined ? null : user.countryCode;
      checkRoleCountry(role, countryCode);
      // Only a new binding is checked, so an unrelated change (a password reset) never trips over the stored one.
      if (countryCode && countryCode !== user.countryCode) await requireKnownCountry(manager, countryCode);
      const changed: Record<string, unknown> = {};
      if (role !== user.role) changed.role = role;
      if (countryCode !== user.countryCode) changed.countryCode = countryCode;
      if (changes.active !== undefined && changes.active !== user.active) changed.active = changes.active;
      const patch: Partial<User> = { role, countryCode, active: changes.active ?? user.active };
      if (passwordHash !== undefined) {
        patch.passwordHash = passwordHash;
        changed.passwordChanged = true;
      }
      if (Object.keys(changed).length === 0) return user;
      await repo.update({ id }, patch);
      await this.audit.record(manager, { action: 'user.update', entity: 'user', entityId: id, details: changed });
      return repo.findOneByOrFail({ id });
    });
  }

  list(): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { createdAt: 'ASC', username: 'ASC' } });
  }

  /** The guard asks this on every request: a named prepared statement, not a query builder (docs/load.md). */
  async findActiveById(id: string): Promise<Actor | null> {
    const [row] = await preparedQuery<Actor>(
      this.dataSource.manager,
      'active-user',
      'SELECT id AS "userId", username, role, country_code AS "countryCode" FROM users WHERE id = $1 AND active',
      [id],
    );
    return row ?? null;
  }

  /** Includes the password hash, which is otherwise never selected. */
  findForLogin(username: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  /**
   * Creates the demo accounts that do not exist yet; existing ones (and a password an admin may
   * have changed) are left alone, so running the demo seed twice changes nothing.
   */
  async ensureDemoUsers(password: string): Promise<{ created: string[] }> {
    const passwordHash = await this.hasher.hash(password);
    const created: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      for (const demo of DEMO_USERS) {
        const user = await this.insert(manager, { ...demo, password }, passwordHash);
        if (user) created.push(user.username);
      }
    });
    return { created };
  }

  private insert(manager: EntityManager, input: NewUser, passwordHash: string): Promise<User | null> {
    return insertUser(manager, this.audit, input, passwordHash);
  }
}

/** A MINISTRY account is bound to exactly one country; no other role has one (the DB checks it too). */
export function checkRoleCountry(role: Role, countryCode: string | null): string | null {
  if (role === 'MINISTRY' && !countryCode) throw badRequest('country-required', 'A MINISTRY user needs a countryCode');
  if (role !== 'MINISTRY' && countryCode) throw badRequest('country-not-allowed', `A ${role} user has no countryCode`);
  return countryCode;
}

/** bcrypt ignores everything after 72 bytes; refuse longer (multi-byte) passwords rather than truncate. */
export function checkPasswordBytes(password: string): void {
  if (Buffer.byteLength(password, 'utf8') > 72) throw badRequest('password-too-long', 'The password must be at most 72 bytes in UTF-8');
}
