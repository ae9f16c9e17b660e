import { CenterConfig } from '../types';

/** The room as a coordinator knows it: its name when the center gives one, else its id. */
export function roomLabel(center: CenterConfig, roomId: string): string {
  return center.rooms.find((r) => r.id === roomId)?.name ?? roomId;
}
