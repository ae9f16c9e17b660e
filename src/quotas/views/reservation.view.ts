import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESERVATION_STATUSES, ReservationStatus, QuotaReservation } from '../quota-reservation.entity';

export class ReservationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) quotaId!: string;
  @ApiProperty({ example: 'KG' }) countryCode!: string;
  @ApiProperty({ description: 'Places held when created' }) count!: number;
  @ApiProperty({ description: 'Places still available to referrals' }) remaining!: number;
  @ApiProperty({ description: 'Days the places are held for (asked for, or the default 14)' }) holdDays!: number;
  @ApiProperty({ enum: RESERVATION_STATUSES }) status!: ReservationStatus;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) closedAt!: string | null;
}

export function toReservationView(r: QuotaReservation): ReservationView {
  return {
    id: r.id,
    quotaId: r.quotaId,
    countryCode: r.countryCode,
    count: r.count,
    remaining: r.remaining,
    holdDays: r.holdDays,
    status: r.status,
    expiresAt: new Date(r.expiresAt).toISOString(),
    createdAt: new Date(r.createdAt).toISOString(),
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
  };
}
