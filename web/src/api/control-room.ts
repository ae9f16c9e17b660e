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
