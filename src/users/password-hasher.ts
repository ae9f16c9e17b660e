import { compare, hash } from 'bcryptjs';

/** bcrypt with a cost chosen per deployment: 10 in production, low in tests where speed matters more. */
export class PasswordHasher {
  constructor(private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return hash(password, this.cost);
  }

  verify(password: string, passwordHash: string): Promise<boolean> {
    return compare(password, passwordHash);
  }
}

export const PRODUCTION_BCRYPT_COST = 10;
export const TEST_BCRYPT_COST = 4;
