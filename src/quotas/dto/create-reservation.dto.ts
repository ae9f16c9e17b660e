import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CreateReservationDto {
  @ApiProperty({ minimum: 1, example: 2, description: 'Places to hold' })
  @IsInt()
  @Min(1)
  @Max(1000)
  count!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 14, description: 'Days until unused places return to the quota' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  holdDays?: number;
}
