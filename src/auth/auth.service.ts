import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor } from '../common/request-context';
import { UsersService } from '../users/users.service';
import type { LoginResponse } from './dto/login.dto';
import type { TokenPayload } from './token-payload';
import { unauthorized } from '../common/unauthorized';

const BAD_CREDENTIALS = 'Unknown username or wrong password';

@Injectable()
export class AuthService {
  /** Compared against when the username is unknown, so both failures cost one bcrypt check. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findForLogin(username);
    this.dummyHash ??= this.users.hasher.hash('not-a-password-anyone-has');
    const ok = await this.users.hasher.verify(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok || !user.active) throw unauthorized(BAD_CREDENTIALS);
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role, country: user.countryCode };
    const accessToken = await this.jwt.signAsync(payload);
    const { iat, exp } = this.jwt.decode<TokenPayload>(accessToken);
    const response: LoginResponse = { accessToken, tokenType: 'Bearer', expiresIn: (exp ?? 0) - (iat ?? 0), role: user.role };
    if (user.countryCode) response.countryCode = user.countryCode;
    return response;
  }

  /**
   * Verifies signature and expiry, then re-reads the account so a deactivated user or a changed
   * role takes effect at once rather than when the token expires.
   */
  async actorFor(token: string): Promise<Actor> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw unauthorized(expired ? 'The access token has expired; log in again' : 'The access token is invalid');
    }
    const actor = typeof payload.sub === 'string' && UUID.test(payload.sub) ? await this.users.findActiveById(payload.sub) : null;
    if (!actor) throw unauthorized('The account behind this token no longer exists or is disabled');
    return actor;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
