import { ApiProperty } from '@nestjs/swagger';

/** A place a booked fraction may be moved to; POST /appointments/:id/move with its roomId and start. */
export class AlternativeView {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ example: 'G2' }) roomName!: string;
  @ApiProperty({ format: 'date-time', description: 'With the center offset' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ format: 'date-time' }) beamStart!: string;
  @ApiProperty({ format: 'date-time' }) beamEnd!: string;
  @ApiProperty({ format: 'date', description: 'Center time zone' }) localDate!: string;
  @ApiProperty({ example: '09:40' }) localTime!: string;
  @ApiProperty({ description: 'On the day the fraction has now' }) sameDay!: boolean;
  @ApiProperty({ description: 'Calendar days from the current day (negative: earlier)' }) dayOffset!: number;
  @ApiProperty({ description: 'Signed minutes from the current start' }) minutesFromCurrent!: number;
  @ApiProperty({ description: "Minutes between this time of day and the course's usual one" }) minutesFromUsualTime!: number;
  @ApiProperty({ description: '1 = disturbs the series least' }) rank!: number;
}
