import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class ListDowntimesDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'Date (center time zone, from its start) or instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Date (center time zone, inclusive) or instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this room and whole-beam-line downtimes' })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}
