import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PatientCategory } from '../../scheduling';
import type { QuotaCategory } from '../quota-category.entity';

/** A kind of place a quota grants, as the API shows it. */
export class QuotaCategoryView {
  @ApiProperty({ example: 'PEDIATRIC_ONCOHEMATOLOGY' })
  code!: string;

  @ApiProperty()
  description!: string;

  @ApiPropertyOptional({
    enum: ['ADULT', 'PEDIATRIC'],
    nullable: true,
    description: "Referrals must be for a patient of this category on the course's start; null: any",
  })
  patientCategory!: PatientCategory | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['ONCOHEMATOLOGY'],
    description: 'Referrals must be for one of these diagnosis groups; null: any',
  })
  diagnosisGroups!: string[] | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
}

export function toQuotaCategoryView(c: QuotaCategory): QuotaCategoryView {
  return { code: c.code, description: c.description, patientCategory: c.patientCategory, diagnosisGroups: c.diagnosisGroups, createdAt: c.createdAt };
}
