import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { APPOINTMENT_STATUSES, AppointmentStatus } from './appointment.entity';

export class ListAppointmentsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One room; omitted: every room' })
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @ApiProperty({ example: '2027-02-01T00:00:00+05:00' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2027-02-08T00:00:00+05:00' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}
