import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { badRequest, conflict } from '../common/problem';
import type { Role } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { PasswordHasher, PRODUCTION_BCRYPT_COST, TEST_BCRYPT_COST } from './password-hasher';
import { User } from './user.entity';
import { insertUser, NewUser } from './user-writer';

export type { NewUser } from './user-writer';

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
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insert(manager, { ...input, countryCode }, passwordHash);
      if (!user) throw conflict('username-taken', `The username "${input.username}" is taken`);
      return user;
    });
  }

  list(): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { createdAt: 'ASC', username: 'ASC' } });
  }

  findActiveById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { id, active: true } });
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
