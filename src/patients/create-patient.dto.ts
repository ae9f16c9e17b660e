import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SEXES, Sex } from './patient.entity';

export class CreatePatientDto {
  @ApiProperty({ example: 'Aigerim' })
  @IsString()
  @Length(1, 200)
  firstName!: string;

  @ApiProperty({ example: 'Nurlanovna' })
  @IsString()
  @Length(1, 200)
  lastName!: string;

  @ApiProperty({ example: '2015-04-30', description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate!: string;

  @ApiProperty({ enum: SEXES, description: 'FHIR AdministrativeGender' })
  @IsIn(SEXES)
  sex!: Sex;

  @ApiProperty({ example: 'KZ', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2)' })
  countryCode!: string;

  @ApiPropertyOptional({ description: 'Medical record number, unique when given' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  mrn?: string;
}
