import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, isUUID, registerDecorator, ValidateNested, ValidationArguments } from 'class-validator';
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

/**
 * Exactly one of the two place sources (a hold to use, or a quota to hold and use one place of at once),
 * and that one a UUID. One rule rather than IsUUID + ValidateIf, which would skip the "neither" case.
 */
function PlaceSource(other: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'oneOf',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const otherGiven = (args.object as Record<string, unknown>)[other] !== undefined;
          return value === undefined ? otherGiven : !otherGiven && typeof value === 'string' && isUUID(value);
        },
        defaultMessage(args: ValidationArguments) {
          const otherGiven = (args.object as Record<string, unknown>)[other] !== undefined;
          return args.value === undefined || otherGiven ? `give exactly one of ${args.property} and ${other}` : `${args.property} must be a UUID`;
        },
      },
    });
}

export class CreateReferralDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A HELD reservation of the referring country (or give quotaId instead)' })
  @PlaceSource('quotaId')
  reservationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A quota of the referring country: one place is held and used in the same transaction (or give reservationId instead)',
  })
  @PlaceSource('reservationId')
  quotaId?: string;

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
