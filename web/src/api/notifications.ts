import { api, unwrap, unwrapPage } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** Notices, ministry receivers and the read audit (issue #22, #24 item 11), from the generated OpenAPI schema. */
export type Notice = Schemas['NotificationView'];
export type Webhook = Schemas['WebhookView'];
export type CreateWebhook = Schemas['CreateWebhookDto'];
export type ReadAuditEntry = Schemas['ReadAuditEntryView'];
export type PatientContact = Schemas['PatientContactDto'];

const id = (value: string) => ({ params: { path: { id: value } } });
/** The newest page is what people look at; older notices stay reachable through the API. */
const NEWEST = { limit: 100, offset: 0 };

export const listPatientNotices = (patientId: string) => unwrap(api.GET('/api/v1/patients/{id}/notifications', { params: { path: { id: patientId }, query: NEWEST } }));
export const listReferralNotices = (referralId: string) => unwrap(api.GET('/api/v1/referrals/{id}/notifications', { params: { path: { id: referralId }, query: NEWEST } }));
export const listFailedNotices = () => unwrap(api.GET('/api/v1/notifications/failed', { params: { query: NEWEST } }));

export const listWebhooks = () => unwrap(api.GET('/api/v1/webhooks'));
export const createWebhook = (body: CreateWebhook) => unwrap(api.POST('/api/v1/webhooks', { body }));
export const removeWebhook = (webhookId: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', id(webhookId)));

export const listReadAudit = (patientId: string) => unwrapPage(api.GET('/api/v1/patients/{id}/read-audit', { params: { path: { id: patientId }, query: NEWEST } }));
export const updatePatientContact = (patientId: string, body: PatientContact) => unwrap(api.PATCH('/api/v1/patients/{id}/contact', { ...id(patientId), body }));
