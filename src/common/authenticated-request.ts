import type { Request } from 'express';
import type { Actor } from './request-context';

/** A request after the JWT guard: the caller it authenticated (absent on public routes). */
export type AuthenticatedRequest = Request & { actor?: Actor };
