import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstantWithOffset } from '../common/instant';
import { IsOptionalNotNull } from '../common/is-optional-not-null.decorator';
import { IsWellFormedText } from '../common/text-rules';
import { DOWNTIME_KINDS, DowntimeKind } from './downtime.entity';

/** Shorten, extend or move a downtime (its room stays: another room is another downtime). */
export class UpdateDowntimeDto {
  @ApiPropertyOptional({ example: '2026-03-02T08:00:00+05:00', description: 'New start, ISO 8601 instant with offset' })
  @IsOptionalNotNull()
  @IsInstantWithOffset()
  start?: string;

  @ApiPropertyOptional({ example: '2026-03-04T14:00:00+05:00', description: 'New end, after the (new) start and at most 366 days later' })
  @IsOptionalNotNull()
  @IsInstantWithOffset()
  end?: string;

  @ApiPropertyOptional({ enum: DOWNTIME_KINDS })
  @IsOptionalNotNull()
  @IsIn(DOWNTIME_KINDS, { message: `kind must be one of ${DOWNTIME_KINDS.join(', ')}` })
  kind?: DowntimeKind;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsWellFormedText()
  reason?: string;
}
