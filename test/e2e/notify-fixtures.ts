import type { TestApp } from '../support/test-app';
import { grantQuota } from './quotas-support';
import { Api, dateIn, db, waitFor } from './scheduling-fixtures';

export type Ministry = 'ministry-kg' | 'ministry-uz';

/** Grants `places` of this year's pediatric quota to a partner country (once per country and year). */
export async function grantPlaces(t: TestApp, countryCode: 'KG' | 'UZ', places = 20): Promise<void> {
  await grantQuota(t, { countryCode, year: Number(dateIn(3).slice(0, 4)), granted: places });
}

/** A ministry holds one place and refers a child on it, with these contact details; answers the ids. */
export async function referChild(
  api: Api,
  ministry: Ministry,
  contact: object,
  course: { fractions?: number; earliestStart?: string } = {},
): Promise<{ referralId: string; courseId: string; patientId: string }> {
  const countryCode = ministry === 'ministry-kg' ? 'KG' : 'UZ';
  const quotas = await api.get(`/quotas?countryCode=${countryCode}&year=${dateIn(3).slice(0, 4)}`, ministry).expect(200);
  const hold = await api.post(`/quotas/${quotas.body[0].id}/reservations`, { count: 1 }, ministry).expect(201);
  const res = await api.post(
    '/referrals',
    {
      reservationId: hold.body.id,
      patient: { firstName: 'Aibek', lastName: 'Toktogulov', birthDate: '2018-03-14', sex: 'male', ...contact },
      course: { diagnosisGroup: 'ONCOHEMATOLOGY', urgency: 'ROUTINE', fractions: course.fractions ?? 5, earliestStart: course.earliestStart ?? dateIn(3) },
    },
    ministry,
  );
  if (res.status !== 201) throw new Error(`referral: ${res.status} ${JSON.stringify(res.body)}`);
  return { referralId: res.body.id, courseId: res.body.courseId, patientId: res.body.patientId };
}

/** Waits until every outbox event was relayed and every notice made from them is settled (DELIVERED or FAILED). */
export function waitForNoticesSettled(t: TestApp, ms = 60_000): Promise<true> {
  return waitFor(
    'every outbox event relayed and every notice settled',
    async () => {
      const [row] = await db(t).query(
        `SELECT (SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL)::int AS undispatched,
                (SELECT count(*) FROM notifications WHERE status IN ('PENDING', 'SENDING'))::int AS open`,
      );
      return row.undispatched === 0 && row.open === 0 ? true : undefined;
    },
    ms,
  );
}
