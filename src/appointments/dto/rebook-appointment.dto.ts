import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsInstantWithOffset } from '../../common/instant';

/** Where to give a lost fraction again; with no start, after the course's last fraction. */
export class RebookAppointmentDto {
  @ApiPropertyOptional({ example: '2027-02-03T09:00:00+05:00', description: 'Start instant (with offset); omitted: the core books it after the last fraction' })
  @IsOptional()
  @IsInstantWithOffset()
  start?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Room for `start`; omitted: the room it had' })
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @ApiPropertyOptional({ example: 'G2 free again after the repair' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
