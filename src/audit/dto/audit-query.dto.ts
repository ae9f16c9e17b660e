import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';

export class AuditQueryDto {
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

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
