import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOrInstant } from '../../common/instant';

export class ListDowntimesDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'Date (center time zone, from its start) or instant with offset' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Date (center time zone, inclusive) or instant with offset; not before from' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this room and whole-beam-line downtimes' })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}
