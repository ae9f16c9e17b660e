import { PartialType } from '@nestjs/swagger';
import { CreateRoomDto } from './create-room.dto';

/**
 * Any subset of name, kind, active. `active: false` takes the room out of scheduling (rooms are never deleted).
 * `skipNullProperties: false` skips only absent fields: every room column is NOT NULL, so null is a 400.
 */
export class UpdateRoomDto extends PartialType(CreateRoomDto, { skipNullProperties: false }) {}
