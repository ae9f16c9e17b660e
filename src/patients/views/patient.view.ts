import { ApiProperty } from '@nestjs/swagger';
import { Patient, SEXES, Sex } from '../patient.entity';
import { NationalIdDto } from '../dto/create-patient.dto';

/** A patient as the API answers it (the entity stays inside the service). */
export class PatientView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ example: 'Aigerim Testova', description: 'First and last name, as lists show it' }) fullName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ enum: SEXES }) sex!: Sex;
  @ApiProperty({ example: 'KZ' }) countryCode!: string;
  @ApiProperty({ type: String, nullable: true }) mrn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when a ministry referred the patient' }) referralCountryCode!: string | null;
  @ApiProperty({ type: NationalIdDto, nullable: true }) nationalId!: NationalIdDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export function toPatientView(p: Patient): PatientView {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    fullName: `${p.firstName} ${p.lastName}`,
    birthDate: p.birthDate,
    sex: p.sex,
    countryCode: p.countryCode,
    mrn: p.mrn,
    referralCountryCode: p.referralCountryCode,
    nationalId: p.nationalIdSystem && p.nationalIdValue ? { system: p.nationalIdSystem, value: p.nationalIdValue } : null,
    createdAt: p.createdAt,
  };
}
