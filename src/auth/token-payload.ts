import type { Role } from '../common/request-context';

/** Claims inside a Beamtime access token. The guard re-reads the account, so these are hints, not authority. */
export interface TokenPayload {
  sub: string;
  username: string;
  role: Role;
  country: string | null;
  iat?: number;
  exp?: number;
}
