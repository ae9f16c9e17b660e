import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { NATIONAL_ID_SYSTEMS, NationalIdSystem } from '../national-id';
import { SEXES, Sex } from '../patient.entity';
import { IsNotBlank, IsWellFormedText } from '../../common/text-rules';
import { IsCalendarDate } from '../../common/instant';
import { PatientContactDto } from './patient-contact.dto';

/** The number's digits and check digit are the service's (422): the same rule serves FHIR input. */
export class NationalIdDto {
  @ApiProperty({ enum: NATIONAL_ID_SYSTEMS, description: 'KZ-IIN (12 digits, check digit), KG-PIN or UZ-PINFL (14 digits)' })
  @IsIn(NATIONAL_ID_SYSTEMS)
  system!: NationalIdSystem;

  @ApiProperty({ example: '900101300126' })
  @IsString()
  @Length(1, 32)
  value!: string;
}

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

  @ApiPropertyOptional({ type: NationalIdDto, description: 'The national personal number, unique per system' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NationalIdDto)
  nationalId?: NationalIdDto;
}
