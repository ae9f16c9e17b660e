import { api, unwrap, unwrapPage } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type CapacitySummary = Schemas['CapacitySummaryView'];

/** GET /capacity has no response schema in the OpenAPI document: its shape as CapacityService answers it. */
export interface RoomWeek {
  isoWeek: string;
  weekStart: string;
  days: number;
  openMinutes: number;
  bookedMinutes: number;
  utilization: number;
}
export interface CapacityGrid {
  from: string;
  to: string;
  timeZone: string;
  rooms: Array<{ roomId: string; name: string; kind: string; active: boolean; weeks: RoomWeek[] }>;
  weeks: Array<{ isoWeek: string; weekStart: string; openMinutes: number; bookedMinutes: number; utilization: number }>;
}

export const getCapacity = async (from: string, to: string) => (await unwrap(api.GET('/api/v1/capacity', { params: { query: { from, to } } }))) as unknown as CapacityGrid;
export const getCapacitySummary = () => unwrap(api.GET('/api/v1/capacity/summary'));

export type Downtime = Schemas['DowntimeView'];
export type CreateDowntime = Schemas['CreateDowntimeDto'];
export type UpdateDowntime = Schemas['UpdateDowntimeDto'];
export type ReschedulePreview = Schemas['DowntimeReschedulePreviewView'];
export type ChangePreview = Schemas['DowntimeChangePreviewView'];
export type PreviewFraction = Schemas['PreviewFractionView'];
export type Room = Schemas['RoomView'];

const id = (value: string) => ({ params: { path: { id: value } } });

export const listRooms = () => unwrap(api.GET('/api/v1/rooms'));
export const listDowntimes = () => unwrap(api.GET('/api/v1/downtimes'));
export const previewDowntime = (body: CreateDowntime) => unwrap(api.POST('/api/v1/downtimes/preview', { body }));
export const declareDowntime = (body: CreateDowntime) => unwrap(api.POST('/api/v1/downtimes', { body }));
export const previewDowntimeChange = (downtimeId: string, body: UpdateDowntime) => unwrap(api.POST('/api/v1/downtimes/{id}/preview', { ...id(downtimeId), body }));
export const changeDowntime = (downtimeId: string, body: UpdateDowntime) => unwrap(api.PATCH('/api/v1/downtimes/{id}', { ...id(downtimeId), body }));
export const previewWithdrawal = (downtimeId: string) => unwrap(api.GET('/api/v1/downtimes/{id}/withdrawal-preview', id(downtimeId)));
export const withdrawDowntime = (downtimeId: string) => unwrap(api.DELETE('/api/v1/downtimes/{id}', id(downtimeId)));

export type ForecastSummary = Schemas['ForecastSummaryView'];
export type CreateForecast = Schemas['CreateForecastDto'];

export type ForecastDetail = Schemas['ForecastView'];
export type ForecastHeadline = Schemas['ForecastHeadlineView'];
export type ForecastFigure = keyof Schemas['ForecastFiguresView'];

export const listForecasts = () => unwrapPage(api.GET('/api/v1/forecasts', { params: { query: { limit: 50, offset: 0 } } }));
export const getForecast = (forecastId: string) => unwrap(api.GET('/api/v1/forecasts/{id}', id(forecastId)));
export const createForecast = async (body: CreateForecast) => (await unwrap(api.POST('/api/v1/forecasts', { body }))) as unknown as { id: string };
export const forecastChartHref = (forecastId: string) => `/api/v1/forecasts/${encodeURIComponent(forecastId)}/chart.svg`;

export type User = Schemas['UserView'];
export type CreateUser = Schemas['CreateUserDto'];
export type Closure = Schemas['ClosureView'];
export type CreateClosure = Schemas['CreateClosureDto'];
export type CalendarSettings = Schemas['CalendarView'];

/** GET /audit has no response schema in the OpenAPI document: its shape as AuditController answers it. */
export interface AuditEntry {
  id: string;
  at: string;
  username: string;
  role: string;
  countryCode: string | null;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown> | null;
}
export interface AuditFilters {
  actor?: string;
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
}

export const createRoom = (body: Schemas['CreateRoomDto']) => unwrap(api.POST('/api/v1/rooms', { body }));
export const updateRoom = (roomId: string, body: Schemas['UpdateRoomDto']) => unwrap(api.PATCH('/api/v1/rooms/{id}', { ...id(roomId), body }));
export const getCalendar = () => unwrap(api.GET('/api/v1/calendar'));
export const listClosures = (year: number) => unwrap(api.GET('/api/v1/closures', { params: { query: { year } } }));
export const createClosure = (body: CreateClosure) => unwrap(api.POST('/api/v1/closures', { body }));
export const removeClosure = (closureId: string) => unwrap(api.DELETE('/api/v1/closures/{id}', id(closureId)));
export const listUsers = () => unwrap(api.GET('/api/v1/users'));
export const createUser = (body: CreateUser) => unwrap(api.POST('/api/v1/users', { body }));
export const updateUser = (userId: string, body: Schemas['UpdateUserDto']) => unwrap(api.PATCH('/api/v1/users/{id}', { ...id(userId), body }));
/** Only the filters given: an empty field is no filter. */
const auditQuery = (filters: AuditFilters) => Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as AuditFilters;
export const listAudit = async (filters: AuditFilters) => (await unwrapPage(api.GET('/api/v1/audit', { params: { query: { ...auditQuery(filters), limit: 200, offset: 0 } } }))) as unknown as { items: AuditEntry[]; total: number };
export const auditCsvHref = (filters: AuditFilters) => {
  const query = new URLSearchParams(auditQuery(filters) as Record<string, string>).toString();
  return `/api/v1/audit/export.csv${query ? `?${query}` : ''}`;
};
export const updateCalendar = (body: Schemas['UpdateCalendarDto']) => unwrap(api.PUT('/api/v1/calendar', { body }));
