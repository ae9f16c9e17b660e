import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI description of one GET /holidays entry (ClosedDay). */
export class ClosedDayView {
  @ApiProperty({ example: '2026-03-25' }) date!: string;
  @ApiProperty({ example: 'Наурыз мейрамы' }) name!: string;
  @ApiProperty({ enum: ['HOLIDAY', 'CLOSURE'], description: 'HOLIDAY: public holiday or its transferred day off; CLOSURE: administrator closure' })
  source!: string;
  @ApiPropertyOptional({ description: 'true for a day off moved from a holiday that fell on a weekend' }) transfer?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The administrator closure on this date, if any' }) closureId?: string;
}
