import { ApiProperty } from '@nestjs/swagger';
import type { RoomKind } from '../../scheduling';
import { Room } from '../room.entity';

/** A room as the API answers it (the entity stays inside the service). */
export class RoomView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'G1' }) name!: string;
  @ApiProperty({ enum: ['GANTRY', 'FIXED_BEAM'] }) kind!: RoomKind;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export function toRoomView(r: Room): RoomView {
  return { id: r.id, name: r.name, kind: r.kind, active: r.active, createdAt: r.createdAt };
}
