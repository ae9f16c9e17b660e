import { ApiProperty } from '@nestjs/swagger';
import { Patient, SEXES, Sex } from '../patient.entity';
import { GUARDIAN_RELATIONS, GuardianRelation, NOTICE_LANGUAGES, NoticeLanguage } from '../patient-contact';
import { NationalIdDto } from '../dto/create-patient.dto';

export class GuardianView {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: GUARDIAN_RELATIONS }) relation!: GuardianRelation;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

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
  @ApiProperty({ type: String, nullable: true, description: 'E.164' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: NOTICE_LANGUAGES, nullable: true }) preferredLanguage!: NoticeLanguage | null;
  @ApiProperty({ type: GuardianView, nullable: true }) guardian!: GuardianView | null;
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
    phone: p.phone,
    email: p.email,
    preferredLanguage: p.preferredLanguage,
    guardian:
      p.guardianName && p.guardianRelation ? { name: p.guardianName, relation: p.guardianRelation, phone: p.guardianPhone, email: p.guardianEmail } : null,
    nationalId: p.nationalIdSystem && p.nationalIdValue ? { system: p.nationalIdSystem, value: p.nationalIdValue } : null,
    createdAt: p.createdAt,
  };
}
