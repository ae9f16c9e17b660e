import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsInstantWithOffset } from '../../common/instant';

/** A filter field a form leaves empty (`?action=`) means no filter, not a malformed one. */
const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
import { PageQueryDto } from '../../common/page-query.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'course' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional({ description: 'The entity id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  id?: string;

  @ApiPropertyOptional({ example: 'admin', description: 'Username of the actor' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ example: 'downtime.create', description: "An action, or a prefix ending in '.' for a family ('downtime.')" })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z][a-z0-9-]*(\.[a-z0-9-]*)*$/, { message: "action must be like 'downtime.create' or 'downtime.'" })
  action?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+05:00', description: 'Entries at or after this instant' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-08T00:00:00+05:00', description: 'Entries before this instant' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;
}
