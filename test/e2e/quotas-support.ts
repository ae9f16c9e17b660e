import request from 'supertest';
import type { DataSource } from 'typeorm';
import { UsersService } from '../../src/users/users.service';
import { bearer, DEMO_TEST_PASSWORD } from '../support/auth';
import type { TestApp } from '../support/test-app';

export const CATEGORY = 'PEDIATRIC_ONCOHEMATOLOGY';

/** A second KG ministry account (the demo set has one per country), created through UsersService. */
export async function secondKgMinistry(t: TestApp): Promise<string> {
  await t.app.get(UsersService).create({ username: 'ministry-kg-2', password: DEMO_TEST_PASSWORD, role: 'MINISTRY', countryCode: 'KG' });
  const res = await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'ministry-kg-2', password: DEMO_TEST_PASSWORD });
  if (res.status !== 200) throw new Error(`login as ministry-kg-2 failed: ${res.status}`);
  return `Bearer ${res.body.accessToken as string}`;
}

export async function grantQuota(t: TestApp, body: { countryCode: string; year: number; granted: number; category?: string }) {
  const res = await request(t.app.getHttpServer())
    .post('/api/v1/quotas')
    .set('Authorization', await bearer(t, 'admin'))
    .send({ category: CATEGORY, ...body });
  if (res.status !== 201) throw new Error(`grant failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; granted: number; reserved: number; used: number; available: number };
}

/** Counters and ledger sums straight from PostgreSQL (not through the API under test). */
export async function countersAndLedger(db: DataSource, quotaId: string) {
  const [row]: Array<Record<string, number>> = await db.query(
    `SELECT q.granted, q.reserved, q.used,
            coalesce(sum(l.delta_granted), 0)::int AS sum_granted,
            coalesce(sum(l.delta_reserved), 0)::int AS sum_reserved,
            coalesce(sum(l.delta_used), 0)::int AS sum_used,
            (SELECT coalesce(sum(remaining), 0)::int FROM quota_reservations r WHERE r.quota_id = q.id AND r.status = 'HELD') AS held_remaining
       FROM quotas q LEFT JOIN quota_ledger l ON l.quota_id = q.id
      WHERE q.id = $1 GROUP BY q.id`,
    [quotaId],
  );
  return row;
}

export function expectProblem(res: { status: number; headers: Record<string, string>; body: { status?: number; type?: string } }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

/** A valid POST /referrals body for a child with an oncohematological cancer. */
export function referralBody(reservationId: string, overrides: { earliestStart?: string; birthDate?: string } = {}) {
  return {
    reservationId,
    patient: { firstName: 'Aibek', lastName: 'Toktogulov', birthDate: overrides.birthDate ?? '2018-03-14', sex: 'male' },
    course: { diagnosisGroup: 'ONCOHEMATOLOGY', urgency: 'ROUTINE', fractions: 5, earliestStart: overrides.earliestStart ?? '2027-03-01' },
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
