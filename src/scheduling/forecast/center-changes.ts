import type { CenterConfig, RoomSpec, Weekday, WeeklyHours } from '../types';
import type { ForecastChanges } from './types';

/**
 * The center as it would be after the what-if changes: extra rooms (copies of the center's hours,
 * gantry by default), replaced weekday hours, a Saturday shift, anesthesia teams, and added downtimes.
 * Returns a new object; the input is not touched.
 */
export function applyCenterChanges(center: CenterConfig, changes: ForecastChanges | undefined): CenterConfig {
  if (!changes) return center;
  let hours: WeeklyHours = { ...center.hours };
  let rooms: RoomSpec[] = center.rooms.map((r) => ({ ...r }));

  const hourOverrides: Partial<WeeklyHours> = { ...(changes.hours ?? {}) };
  if (changes.saturdayShift) hourOverrides.sat = [changes.saturdayShift];
  if (Object.keys(hourOverrides).length > 0) {
    hours = { ...hours, ...hourOverrides };
    // A room with its own hours gets the same weekday changes, or a "longer hours" scenario would
    // silently skip it.
    rooms = rooms.map((r) => (r.hours ? { ...r, hours: { ...r.hours, ...hourOverrides } } : r));
  }

  if (changes.extraRooms !== undefined) {
    const extra =
      typeof changes.extraRooms === 'number'
        ? Array.from({ length: changes.extraRooms }, (_, i) => ({ id: `EXTRA-${i + 1}`, kind: 'GANTRY' as const }))
        : changes.extraRooms;
    const taken = new Set(rooms.map((r) => r.id));
    for (const room of extra) {
      if (taken.has(room.id)) throw new RangeError(`extra room id ${room.id} already exists`);
      rooms.push({ id: room.id, kind: room.kind, active: true });
    }
  }

  return {
    ...center,
    hours,
    rooms,
    ...(changes.anesthesiaTeams !== undefined ? { anesthesia: { ...center.anesthesia, teams: changes.anesthesiaTeams } } : {}),
    downtimes: [...center.downtimes, ...(changes.downtimes ?? [])],
  };
}

export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
