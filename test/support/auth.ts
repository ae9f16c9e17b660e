import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from './test-app';

export type DemoUser = 'admin' | 'coordinator' | 'ministry-kg' | 'ministry-uz';

/** The password every demo account gets in tests. */
export const DEMO_TEST_PASSWORD = 'beamtime-test-password';

const tokens = new WeakMap<TestApp, Map<DemoUser, string>>();

/** Creates admin, coordinator, ministry-kg (KG) and ministry-uz (UZ) through the real UsersService (idempotent). */
export async function seedDemoUsers(t: TestApp): Promise<void> {
  await t.app.get(UsersService).ensureDemoUsers(DEMO_TEST_PASSWORD);
}

/** A bearer token for a demo user, obtained through POST /auth/login and cached per app. */
export async function tokenFor(t: TestApp, user: DemoUser): Promise<string> {
  let cache = tokens.get(t);
  if (!cache) tokens.set(t, (cache = new Map()));
  const cached = cache.get(user);
  if (cached) return cached;
  const res = await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ username: user, password: DEMO_TEST_PASSWORD });
  if (res.status !== 200) {
    throw new Error(`login as ${user} failed with ${res.status}: ${JSON.stringify(res.body)} (did you call seedDemoUsers(t)?)`);
  }
  const token = res.body.accessToken as string;
  cache.set(user, token);
  return token;
}

/** `Authorization` header value for a demo user: `.set('Authorization', await bearer(t, 'admin'))`. */
export async function bearer(t: TestApp, user: DemoUser): Promise<string> {
  return `Bearer ${await tokenFor(t, user)}`;
}
