import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateOrInstant } from '../../common/instant';
import { PageQueryDto } from '../../common/page-query.dto';

export class ListMovesDto extends PageQueryDto {
  @ApiProperty({ example: '2027-03-03T08:00:00+05:00', description: 'Moves recorded at or after this instant (a YYYY-MM-DD date: its local midnight)' })
  @IsDateOrInstant()
  since!: string;

  @ApiPropertyOptional({ description: 'Moves recorded before this instant (a date: before the end of that local day)' })
  @IsOptional()
  @IsDateOrInstant()
  until?: string;
}
