import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDateOrInstant } from '../../common/instant';
import { APPOINTMENT_STATUSES, AppointmentStatus } from '../appointment.entity';

export class ListAppointmentsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One room; omitted: every room' })
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @ApiProperty({
    example: '2027-02-01T00:00:00+05:00',
    description: "ISO 8601 instant with offset or Z, or YYYY-MM-DD: from that local day's start (center time zone)",
  })
  @IsDateOrInstant()
  from!: string;

  @ApiProperty({
    example: '2027-02-07',
    description: 'ISO 8601 instant with offset or Z (exclusive), or YYYY-MM-DD: up to the end of that local day (inclusive); after from',
  })
  @IsDateOrInstant()
  to!: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}
