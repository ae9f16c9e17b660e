import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class CreateQuotaDto {
  @ApiProperty({ example: 'KG' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2)' })
  countryCode!: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;

  @ApiProperty({ example: 'PEDIATRIC_ONCOHEMATOLOGY' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'category must be an upper-case code such as PEDIATRIC_ONCOHEMATOLOGY' })
  category!: string;

  @ApiProperty({ minimum: 0, example: 10, description: 'Places granted for the year' })
  @IsInt()
  @Min(0)
  @Max(100000)
  granted!: number;
}
