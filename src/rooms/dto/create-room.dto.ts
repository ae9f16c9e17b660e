import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { IsOptionalNotNull } from '../../common/is-optional-not-null.decorator';
import type { RoomKind } from '../../scheduling';
import { ROOM_KINDS } from '../room.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRoomDto {
  @ApiProperty({ example: 'G1', description: 'Unique (case-insensitive) room name', minLength: 1, maxLength: 60 })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  @Matches(/^[\p{L}\p{N} ._-]+$/u, { message: 'name may contain letters, digits, spaces, dots, dashes and underscores' })
  name!: string;

  @ApiProperty({ enum: ROOM_KINDS })
  @IsIn(ROOM_KINDS, { message: `kind must be one of ${ROOM_KINDS.join(', ')}` })
  kind!: RoomKind;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}
