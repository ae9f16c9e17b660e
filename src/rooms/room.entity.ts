import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ApiProperty } from '@nestjs/swagger';
import type { RoomKind } from '../scheduling';

export const ROOM_KINDS: readonly RoomKind[] = ['GANTRY', 'FIXED_BEAM'];

/** A treatment room. Never deleted (appointments keep pointing at it): deactivated instead. */
@Entity('rooms')
export class Room {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ example: 'G1' })
  @Column('text')
  name!: string;

  @ApiProperty({ enum: ['GANTRY', 'FIXED_BEAM'] })
  @Column('text')
  kind!: RoomKind;

  @ApiProperty()
  @Column('boolean')
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
