import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsWellFormedText } from '../../common/text-rules';
import { CLOSURE_KINDS, ClosureKind } from '../closure.entity';
import { IsCalendarDate } from '../../common/instant';

export class CreateClosureDto {
  @ApiProperty({ example: '2026-12-31', description: 'Calendar date in the center time zone, from 1 January of last year to 31 December two years ahead' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ example: 'Decree No. 123: New Year bridge day', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsWellFormedText()
  reason?: string;

  @ApiPropertyOptional({
    enum: CLOSURE_KINDS,
    default: 'CLOSURE',
    description: 'CLOSURE closes an open date; WORKING_DAY opens a normally closed one (decree-moved working day)',
  })
  @IsOptional()
  @IsIn(CLOSURE_KINDS, { message: `kind must be one of ${CLOSURE_KINDS.join(', ')}` })
  kind?: ClosureKind;
}
