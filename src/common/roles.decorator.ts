import { SetMetadata } from '@nestjs/common';
import type { Role } from './request-context';

export const ROLES_KEY = 'roles';
/**
 * Which roles may call a route; checked by the global RolesGuard after the JWT guard.
 * ADMIN passes every authenticated route; a route without @Roles is ADMIN-only.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
