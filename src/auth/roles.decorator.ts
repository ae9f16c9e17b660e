import { SetMetadata } from '@nestjs/common';
import type { Role } from '../common/request-context';

export const ROLES_KEY = 'roles';
/** Which roles may call a route; checked by the global RolesGuard after the JWT guard. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
