import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SEXES, Sex } from '../patient.entity';
import { IsNotBlank, IsWellFormedText } from '../../common/text-rules';
import { IsCalendarDate } from '../../common/instant';
import { PatientContactDto } from './patient-contact.dto';

/** Dates in the past or future beyond plausibility are the service's call (422): it knows the center's "today". */
export class CreatePatientDto extends PatientContactDto {
  @ApiProperty({ example: 'Aigerim' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsWellFormedText()
  firstName!: string;

  @ApiProperty({ example: 'Nurlanovna' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsWellFormedText()
  lastName!: string;

  @ApiProperty({ example: '2015-04-30', description: 'YYYY-MM-DD, not in the future' })
  @IsCalendarDate()
  birthDate!: string;

  @ApiProperty({ enum: SEXES, description: 'FHIR AdministrativeGender' })
  @IsIn(SEXES)
  sex!: Sex;

  @ApiProperty({ example: 'KZ', description: 'ISO 3166-1 alpha-2, one of GET /countries' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2)' })
  countryCode!: string;

  @ApiPropertyOptional({ description: 'Medical record number, unique when given' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @IsNotBlank()
  @IsWellFormedText()
  mrn?: string;
}
