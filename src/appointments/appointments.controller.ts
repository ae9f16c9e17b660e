import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { Appointment } from './appointment.entity';
import { AppointmentMove } from './appointment-move.entity';
import { AppointmentService } from './appointment.service';
import { ListAppointmentsDto } from './list-appointments.dto';
import { MoveAppointmentDto } from './move-appointment.dto';
import { RebookAppointmentDto } from './rebook-appointment.dto';
import { AlternativesService } from './alternatives.service';
import { AlternativesQueryDto } from './dto/alternatives-query.dto';
import { AlternativeView } from './views/alternative.view';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentService,
    private readonly alternativesService: AlternativesService,
  ) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: "A room's (or every room's) schedule overlapping [from, to), at most 93 days" })
  @ApiOkResponse({ type: Appointment, isArray: true })
  list(@Query() query: ListAppointmentsDto): Promise<Appointment[]> {
    return this.appointments.list(query);
  }

  @Get(':id/moves')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Why and when this appointment moved' })
  @ApiOkResponse({ type: AppointmentMove, isArray: true })
  moves(@Param('id', ParseIdPipe) id: string): Promise<AppointmentMove[]> {
    return this.appointments.history(id);
  }

  @Get(':id/alternatives')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Valid places to move a booked fraction: same day other times and rooms first, then the nearest days the course rules allow',
    description:
      'Ranked by how little they disturb the series (distance from the course\'s usual time of day, same room, fewer days away). ' +
      'Each one passed the rule checker that guards POST /appointments/{id}/move.',
  })
  @ApiOkResponse({ type: AlternativeView, isArray: true })
  @ApiConflictResponse({ description: 'problem+json: the fraction is not BOOKED or its course is not active' })
  alternatives(@Param('id', ParseIdPipe) id: string, @Query() query: AlternativesQueryDto): Promise<AlternativeView[]> {
    return this.alternativesService.alternatives(id, query.limit);
  }

  @Post(':id/deliver')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Record the fraction as delivered (course becomes IN_TREATMENT / COMPLETED)' })
  deliver(@Param('id', ParseIdPipe) id: string): Promise<Appointment> {
    return this.appointments.deliver(id);
  }

  @Post(':id/miss')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: "Record the fraction as missed; it is given again after the course's last fraction, under its own number" })
  miss(@Param('id', ParseIdPipe) id: string): Promise<{ missed: Appointment; appended: Appointment[]; unschedulable?: string }> {
    return this.appointments.miss(id);
  }

  @Post(':id/move')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Move a booked fraction; every hard rule is checked' })
  @ApiConflictResponse({ description: 'problem+json with `rule` (1..8) and `violations`' })
  @ApiOkResponse({ type: Appointment })
  move(@Param('id', ParseIdPipe) id: string, @Body() dto: MoveAppointmentDto): Promise<Appointment> {
    return this.appointments.move(id, dto);
  }

  @Post(':id/rebook')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Book a fraction that is not booked any more (cancelled by a downtime, or missed without a replacement) again',
    description: 'With `start`: there, every hard rule checked. Without: after the course\'s last fraction. The fraction keeps its number.',
  })
  @ApiCreatedResponse({ type: Appointment })
  @ApiConflictResponse({ description: 'problem+json: the fraction is booked already, the course is not active, a rule is broken (`rule`, `violations`) or no place is free' })
  rebook(@Param('id', ParseIdPipe) id: string, @Body() dto: RebookAppointmentDto): Promise<Appointment> {
    return this.appointments.rebook(id, dto);
  }
}
