import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../common/instant';

export class CapacityQueryDto {
  @ApiProperty({ example: '2026-11-30', description: 'first date (center-local), inclusive' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2027-01-04', description: 'end date (center-local), exclusive; at most 371 days after from' })
  @IsCalendarDate()
  to!: string;
}
