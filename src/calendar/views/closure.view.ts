import { ApiProperty } from '@nestjs/swagger';
import { Closure, CLOSURE_KINDS, ClosureKind } from '../closure.entity';

/** An administrator's closure or decree-moved working day, as stored. */
export class ClosureView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2026-12-31', description: "A date in the center's time zone" })
  date!: string;

  @ApiProperty({ enum: CLOSURE_KINDS })
  kind!: ClosureKind;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
}

export function toClosureView(c: Closure): ClosureView {
  return { id: c.id, date: c.date, kind: c.kind, reason: c.reason, createdBy: c.createdBy, createdAt: c.createdAt };
}
