import { DataSource } from 'typeorm';
import { CenterSeedService } from '../../src/center/center-seed.service';
import { bearer, DemoUser, seedDemoUsers } from './auth';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

export type HttpServer = ReturnType<TestApp['app']['getHttpServer']>;

export interface ApiAppOptions<U extends DemoUser> extends TestAppOptions {
  /** Demo users to log in; their `Authorization` header values come back in `auth`, in this order. */
  users?: readonly U[];
  /** Also seed the demo center (rooms G1–G3, calendar) before logging in. */
  demoCenter?: boolean;
}

export interface ApiApp<U extends DemoUser> {
  t: TestApp;
  server: HttpServer;
  db: DataSource;
  /** `Authorization` header value (`Bearer …`) of each requested demo user. */
  auth: Record<U, string>;
}

/**
 * The usual set-up of an e2e file: a test app with the demo users seeded (and optionally the demo
 * center), plus its HTTP server, its DataSource and bearer headers for the users asked for.
 *
 *   ({ t, server, db, auth: { admin } } = await startApiApp({ role: 'api', users: ['admin'] }));
 *
 * The caller closes `t` in afterAll; if the set-up itself fails, the app is closed here.
 */
export async function startApiApp<U extends DemoUser = never>(options: ApiAppOptions<U> = {}): Promise<ApiApp<U>> {
  const { users = [], demoCenter = false, ...appOptions } = options;
  const t = await createTestApp(appOptions);
  try {
    await seedDemoUsers(t);
    if (demoCenter) await t.app.get(CenterSeedService).ensureDemoCenter();
    const auth = {} as Record<U, string>;
    for (const user of users) auth[user] = await bearer(t, user);
    return { t, server: t.app.getHttpServer(), db: t.app.get(DataSource), auth };
  } catch (err) {
    await t.close();
    throw err;
  }
}
