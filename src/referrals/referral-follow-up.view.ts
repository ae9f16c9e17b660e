import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One fraction of a referred course as its ministry sees it: when, where, and in whose hours. */
export class ReferralFractionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fraction!: number;
  @ApiProperty({ enum: ['BOOKED', 'DELIVERED', 'MISSED', 'CANCELLED'] }) status!: string;
  @ApiProperty({ example: 'G2' }) roomName!: string;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ example: '2026-12-14T09:00+05:00' }) centerLocalStart!: string;
  @ApiProperty({ example: '2026-12-14T10:00+06:00' }) ministryLocalStart!: string;
}

/** One move of a referred course's fraction, with its reason (a downtime, a missed day, a coordinator). */
export class ReferralMoveView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() fraction!: number;
  @ApiPropertyOptional({ nullable: true, example: 'G1' }) fromRoomName!: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) fromStart!: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-14T10:00+06:00' }) fromMinistryLocalStart!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'G2', description: 'null: the fraction was cancelled' }) toRoomName!: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) toStart!: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-15T10:00+06:00' }) toMinistryLocalStart!: string | null;
  @ApiProperty({ example: 'downtime … (Gantry 2 bearing replacement)' }) reason!: string;
}
