import type { ForecastChanges } from './types';

/**
 * The what-if a forecast simulates, in a few English words for the chart and the CLI ("as is" when
 * nothing changes); rooms by name when `roomName` knows them.
 */
export function scenarioLabel(changes: ForecastChanges | undefined | null, roomName: (id: string) => string = (id) => id): string {
  if (!changes) return 'as is';
  const parts: string[] = [];
  if (typeof changes.extraRooms === 'number' ? changes.extraRooms > 0 : changes.extraRooms?.length)
    parts.push(`+${typeof changes.extraRooms === 'number' ? changes.extraRooms : changes.extraRooms!.length} room(s)`);
  if (changes.hours && Object.keys(changes.hours).length) {
    const days = Object.entries(changes.hours).map(([d, v]) => `${d} ${v === null ? 'closed' : (v ?? []).map((x) => x.join('–')).join(', ')}`);
    parts.push(`hours ${days.join('; ')}`);
  }
  if (changes.saturdayShift) parts.push(`Saturday ${changes.saturdayShift.join('–')}`);
  if (changes.anesthesiaTeams !== undefined) parts.push(`${changes.anesthesiaTeams} anesthesia team(s)`);
  for (const d of changes.downtimes ?? []) parts.push(`${d.roomId ? roomName(d.roomId) : 'beam line'} down ${d.start.slice(0, 10)} → ${d.end.slice(0, 10)}`);
  if (changes.demandScale !== undefined && changes.demandScale !== 1) parts.push(`demand ×${changes.demandScale}`);
  for (const [k, v] of Object.entries(changes.categoryScale ?? {})) parts.push(`${k} ×${v}`);
  return parts.length ? parts.join(', ') : 'as is';
}
