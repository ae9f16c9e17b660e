import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/decimal-int.decorator';

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 1000;

/** A repeated parameter (date=ge…&date=lt…) arrives as an array, a single one as a string: always an array here. */
const asList = () => Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]));

/** A parameter given once; FHIR would OR comma-separated values, which no search here needs. */
export function OneText(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description })(target, key);
    IsOptional()(target, key);
    IsString()(target, key);
    Length(1, 200)(target, key as string);
  };
}

export function DateParam(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, type: String, isArray: true })(target, key);
    IsOptional()(target, key);
    asList()(target, key);
    IsArray()(target, key);
    IsString({ each: true })(target, key);
    Length(1, 40, { each: true })(target, key as string);
  };
}

/**
 * Paging and summary, on every search. Parameters a search does not declare are refused (400,
 * OperationOutcome): FHIR lets a server ignore them, but an ignored filter widens the answer silently
 * (we behave as under `Prefer: handling=strict`).
 */
export class FhirSearchDto {
  @ApiPropertyOptional({ default: DEFAULT_COUNT, minimum: 0, maximum: MAX_COUNT, description: 'Page size' })
  @IsOptional()
  @DecimalInt()
  @IsInt({ message: '_count must be a decimal integer' })
  @Min(0)
  @Max(MAX_COUNT)
  _count?: number;

  @ApiPropertyOptional({ default: 0, description: 'Where the page starts (the next link carries it)' })
  @IsOptional()
  @DecimalInt()
  @IsInt({ message: '_offset must be a decimal integer' })
  @Min(0)
  @Max(1_000_000)
  _offset?: number;

  @ApiPropertyOptional({ enum: ['count', 'false'], description: 'count: only the total, no entries' })
  @IsOptional()
  @IsIn(['count', 'false'])
  _summary?: 'count' | 'false';
}

export class PatientSearchDto extends FhirSearchDto {
  @OneText('system|value or value: a national number (KZ IIN, KG PIN, UZ PINFL) or MRN') identifier?: string;
  @OneText('Family name, starts with (case-insensitive)') family?: string;
  @DateParam('Birth date with a prefix: eq, ge, gt, le, lt') birthdate?: string[];
}

export class ServiceRequestSearchDto extends FhirSearchDto {
  @OneText('Patient/<id>') patient?: string;
  @OneText('active | completed | revoked') status?: string;
  @DateParam('When the referral was made, with a prefix') authored?: string[];
}

export class CarePlanSearchDto extends FhirSearchDto {
  @OneText('Patient/<id>') patient?: string;
  @OneText('draft | active | on-hold | completed | revoked') status?: string;
  @DateParam('Overlaps the period of the fractions, with a prefix') date?: string[];
}

export class AppointmentSearchDto extends FhirSearchDto {
  @OneText('Patient/<id>') patient?: string;
  @OneText('booked | fulfilled | noshow | cancelled') status?: string;
  @DateParam('The fraction start, with a prefix (date=ge2027-03-01&date=lt2027-04-01)') date?: string[];
}

export class DocumentReferenceSearchDto extends FhirSearchDto {
  @OneText('ServiceRequest/<id>: the referral the documents came with') related?: string;
}

export class SlotSearchDto extends FhirSearchDto {
  @OneText('Schedule/gantry or Schedule/fixed-beam (a room kind); omitted: both') schedule?: string;
  @OneText('free (the only status served)') status?: string;
  @DateParam('Slot start, with a prefix; default from now, at most 8 weeks ahead') start?: string[];
}

export class NoSearchDto extends FhirSearchDto {}
