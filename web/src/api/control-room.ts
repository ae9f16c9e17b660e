import { api, unwrap } from './client';
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
