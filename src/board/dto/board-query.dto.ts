import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';
import { IsCalendarDate } from '../../common/instant';

export const MAX_BOARD_DAYS = 7;

export class BoardQueryDto {
  @ApiProperty({ example: '2027-03-02', description: 'First day, YYYY-MM-DD in the center time zone' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_BOARD_DAYS, description: 'How many days from `date` (a week at most)' })
  @IsOptional()
  @DecimalInt()
  @IsInt({ message: 'days must be a decimal integer' })
  @Min(1)
  @Max(MAX_BOARD_DAYS)
  days?: number;
}
