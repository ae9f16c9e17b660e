import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsNotBlank, IsWellFormedText } from '../../common/text-rules';
import { E164, GUARDIAN_RELATIONS, GuardianRelation, NOTICE_LANGUAGES, NoticeLanguage } from '../patient-contact';

const PHONE_MESSAGE = '$property must be an E.164 number such as +77011234567';

export class GuardianDto {
  @ApiProperty({ example: 'Gulnara Toktogulova' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsWellFormedText()
  name!: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONS })
  @IsIn(GUARDIAN_RELATIONS)
  relation!: GuardianRelation;

  @ApiPropertyOptional({ example: '+996555123456', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ example: 'gulnara@example.kg' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  email?: string;
}

/**
 * Contact fields of a patient (all optional): in the patient's create body, in a referral's patient,
 * and alone in PATCH /patients/:id/contact. `null` clears a field there.
 */
export class PatientContactDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '+77011234567', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: PHONE_MESSAGE })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'aigerim@example.kz' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ enum: NOTICE_LANGUAGES, nullable: true, description: 'Language of notices; Russian when unset' })
  @IsOptional()
  @IsIn(NOTICE_LANGUAGES)
  preferredLanguage?: NoticeLanguage | null;

  @ApiPropertyOptional({ type: GuardianDto, nullable: true, description: "A child's guardian; gets the notices when they have a contact" })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto | null;
}

/** The contact columns a DTO sets (absent fields are left out, null clears). */
export function contactColumns(dto: PatientContactDto): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (dto.phone !== undefined) out.phone = dto.phone;
  if (dto.email !== undefined) out.email = dto.email;
  if (dto.preferredLanguage !== undefined) out.preferredLanguage = dto.preferredLanguage;
  if (dto.guardian !== undefined) {
    out.guardianName = dto.guardian?.name ?? null;
    out.guardianRelation = dto.guardian?.relation ?? null;
    out.guardianPhone = dto.guardian?.phone ?? null;
    out.guardianEmail = dto.guardian?.email ?? null;
  }
  return out;
}
