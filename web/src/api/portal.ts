import { api, unwrap, unwrapPage } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** The ministry portal's views, from the generated OpenAPI schema (npm run api:types). */
export type Quota = Schemas['QuotaView'];
export type Reservation = Schemas['ReservationView'];
export type Referral = Schemas['ReferralView'];
export type ReferralFraction = Schemas['ReferralFractionView'];
export type ReferralMove = Schemas['ReferralMoveView'];
export type FractionTime = Schemas['FractionTimeView'];
export type CreateReferral = Schemas['CreateReferralDto'];
export type ReferralState = Referral['state'];

/** GET /quotas/:id/ledger has no response schema in the OpenAPI document: its shape as the service answers it. */
export interface LedgerEntry {
  id: string;
  kind: string;
  deltaGranted: number;
  deltaReserved: number;
  deltaUsed: number;
  reservationId: string | null;
  referralId: string | null;
  actorUsername: string;
  actorRole: string;
  at: string;
}
export interface LedgerReport {
  quota: Quota;
  entries: LedgerEntry[];
  sums: { granted: number; reserved: number; used: number };
  consistent: boolean;
}

const id = (value: string) => ({ params: { path: { id: value } } });

export const listQuotas = () => unwrap(api.GET('/api/v1/quotas'));
export const getQuota = (quotaId: string) => unwrap(api.GET('/api/v1/quotas/{id}', id(quotaId)));
export const listHeldReservations = () => unwrapPage(api.GET('/api/v1/reservations', { params: { query: { status: 'HELD', limit: 100, offset: 0 } } }));
export const getLedger = async (quotaId: string) => (await unwrap(api.GET('/api/v1/quotas/{id}/ledger', id(quotaId)))) as unknown as LedgerReport;
/** A plain link: the browser downloads it with the session cookie (a GET needs no CSRF header). */
export const ledgerCsvHref = (quotaId: string) => `/api/v1/quotas/${encodeURIComponent(quotaId)}/ledger.csv`;

export const listReferrals = (offset = 0, limit = 100) => unwrapPage(api.GET('/api/v1/referrals', { params: { query: { limit, offset } } }));
export const getReferral = (referralId: string) => unwrap(api.GET('/api/v1/referrals/{id}', id(referralId)));
export const getReferralFractions = (referralId: string) => unwrap(api.GET('/api/v1/referrals/{id}/fractions', id(referralId)));
export const getReferralMoves = (referralId: string) => unwrap(api.GET('/api/v1/referrals/{id}/moves', id(referralId)));
export const createReferral = (body: CreateReferral) => unwrap(api.POST('/api/v1/referrals', { body }));
