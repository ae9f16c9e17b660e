import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsNotBlank, IsWellFormedText } from '../../common/text-rules';

export class CreateCountryDto {
  @ApiProperty({ example: 'TJ', description: 'ISO 3166-1 alpha-2 (an assigned code: not ZZ or XX)' })
  @Matches(/^[A-Z]{2}$/, { message: 'code must be two upper-case letters (ISO 3166-1 alpha-2)' })
  code!: string;

  @ApiProperty({ example: 'Tajikistan' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  @IsWellFormedText()
  name!: string;

  @ApiPropertyOptional({ default: true, description: 'Whether a cross-border agreement exists (quotas may be granted)' })
  @IsOptional()
  @IsBoolean()
  partner?: boolean;
}
