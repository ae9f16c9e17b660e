import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class UpdateQuotaDto {
  @ApiProperty({ minimum: 0, description: 'New number of granted places; not below reserved + used' })
  @IsInt()
  @Min(0)
  @Max(100000)
  granted!: number;
}
