import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';

export class HolidaysQueryDto {
  @ApiProperty({ example: 2026 })
  @DecimalInt()
  @IsInt()
  @Min(1970)
  @Max(2100)
  year!: number;
}

export class ClosuresQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Only this year' })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1970)
  @Max(2100)
  year?: number;
}
