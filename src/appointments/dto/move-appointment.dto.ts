import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsInstantWithOffset } from '../../common/instant';

export class MoveAppointmentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Target room; omitted: the same room' })
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @ApiProperty({ example: '2027-02-03T09:00:00+05:00', description: 'New start instant (with offset)' })
  @IsInstantWithOffset()
  start!: string;

  @ApiPropertyOptional({ example: 'Patient asked for a later slot' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
