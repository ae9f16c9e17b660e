import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsWellFormedText } from '../common/text-rules';

export class CreateQuotaCategoryDto {
  @ApiProperty({ example: 'ADULT_CNS_TUMORS' })
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'code must be upper-case letters, digits and _ (2-64 characters)' })
  code!: string;

  @ApiPropertyOptional({ example: 'Adults with tumors of the central nervous system' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  @IsWellFormedText()
  description?: string;
}
