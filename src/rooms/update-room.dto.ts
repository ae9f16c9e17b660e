import { PartialType } from '@nestjs/swagger';
import { CreateRoomDto } from './create-room.dto';

/** Any subset of name, kind, active. `active: false` takes the room out of scheduling (rooms are never deleted). */
export class UpdateRoomDto extends PartialType(CreateRoomDto) {}
