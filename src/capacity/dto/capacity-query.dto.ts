import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CapacityQueryDto {
  @ApiProperty({ example: '2026-11-30', description: 'first date (center-local), inclusive' })
  @Matches(DATE, { message: 'from must be a YYYY-MM-DD date' })
  @IsDateString({ strict: true }, { message: 'from must be a real calendar date' })
  from!: string;

  @ApiProperty({ example: '2027-01-04', description: 'end date (center-local), exclusive; at most 371 days after from' })
  @Matches(DATE, { message: 'to must be a YYYY-MM-DD date' })
  @IsDateString({ strict: true }, { message: 'to must be a real calendar date' })
  to!: string;
}
