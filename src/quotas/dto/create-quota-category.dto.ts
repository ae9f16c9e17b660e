import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DIAGNOSIS_GROUPS } from '../../courses/course.entity';
import type { PatientCategory } from '../../scheduling';
import { IsWellFormedText } from '../../common/text-rules';

export class CreateQuotaCategoryDto {
  @ApiProperty({ example: 'ADULT_CNS_TUMORS' })
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'code must be upper-case letters, digits and _ (2-64 characters)' })
  code!: string;

  @ApiPropertyOptional({ example: 'Adults with tumors of the central nervous system' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  @IsWellFormedText()
  description?: string;

  @ApiPropertyOptional({ enum: ['ADULT', 'PEDIATRIC'], description: "Referrals must be for a patient of this category on the course's start; omitted: any" })
  @IsOptional()
  @IsIn(['ADULT', 'PEDIATRIC'])
  patientCategory?: PatientCategory;

  @ApiPropertyOptional({ enum: DIAGNOSIS_GROUPS, isArray: true, description: 'Referrals must be for one of these diagnosis groups; omitted: any' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DIAGNOSIS_GROUPS.length)
  @ArrayUnique()
  @IsIn(DIAGNOSIS_GROUPS, { each: true })
  diagnosisGroups?: string[];
}
