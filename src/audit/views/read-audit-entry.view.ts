import { ApiProperty } from '@nestjs/swagger';

/** One recorded read: who, when, what (action and the id read) and every patient the answer showed. */
export class ReadAuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ['COORDINATOR', 'MINISTRY'] }) role!: string;
  @ApiProperty({ type: String, nullable: true }) countryCode!: string | null;
  @ApiProperty({
    example: 'course.read',
    description: 'patient.read, patient.search, course.read, course.list, course.appointments, course.moves, board.read, referral.read, referral.list',
  })
  action!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The id in the path of what was read (none for lists)' }) entityId!: string | null;
  @ApiProperty({ description: 'How many patients the answer showed (this one among them)' }) patientsShown!: number;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}
