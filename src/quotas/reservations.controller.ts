import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CreateReservationDto } from './dto/create-reservation.dto';
import { ListReservationsDto } from './dto/list-reservations.dto';
import { ReservationView } from './views/reservation.view';
import { ReservationsService } from './reservations.service';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller()
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post('quotas/:id/reservations')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: 'Hold places of a quota for holdDays (default 14); unused places return when the hold expires' })
  @ApiConflictResponse({ description: 'not-enough-places' })
  @ApiCreatedResponse({ type: ReservationView })
  reserve(@Param('id', ParseIdPipe) quotaId: string, @Body() dto: CreateReservationDto): Promise<ReservationView> {
    return this.reservations.reserve(quotaId, dto);
  }

  @Get('reservations')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: "Reservations (a ministry: only its own country's)" })
  @ApiOkResponse({ type: ReservationView, isArray: true })
  list(@Query() query: ListReservationsDto): Promise<ReservationView[]> {
    return this.reservations.list(query);
  }

  @Get('reservations/:id')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: 'One reservation' })
  @ApiOkResponse({ type: ReservationView })
  get(@Param('id', ParseIdPipe) id: string): Promise<ReservationView> {
    return this.reservations.get(id);
  }

  @Delete('reservations/:id')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: 'Release the unused places of a held reservation' })
  @ApiConflictResponse({ description: 'reservation-not-held, or reservation-expired for a hold past expiresAt (it is expired then)' })
  @ApiOkResponse({ type: ReservationView })
  release(@Param('id', ParseIdPipe) id: string): Promise<ReservationView> {
    return this.reservations.release(id);
  }
}
