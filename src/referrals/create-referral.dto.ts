import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { CreateCourseDto } from '../courses/dto/create-course.dto';
import { CreatePatientDto } from '../patients/dto/create-patient.dto';

/**
 * The patient's country is the referring ministry's (the reservation's), so it is not asked for.
 * Nor is an MRN: it is the center's record number, and a duplicate would answer 409 and tell a
 * ministry that a patient with that number exists (another country's, or a local one).
 */
export class ReferralPatientDto extends OmitType(CreatePatientDto, ['countryCode', 'mrn'] as const) {}

/** The course is created for the new patient, so no patientId. */
export class ReferralCourseDto extends OmitType(CreateCourseDto, ['patientId'] as const) {}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid', description: 'A HELD reservation of the referring country' })
  @IsUUID()
  reservationId!: string;

  @ApiProperty({ type: ReferralPatientDto })
  @IsDefined()
  // ValidateNested alone checks an array element by element (and [] not at all), so arrays reached the service.
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralPatientDto)
  patient!: ReferralPatientDto;

  @ApiProperty({ type: ReferralCourseDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralCourseDto)
  course!: ReferralCourseDto;
}
