import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { AppointmentViews } from './appointment-views.service';
import { MovesService } from './moves.service';
import { AppointmentView } from './views/appointment.view';
import { MoveView } from './views/move.view';
import { AppointmentService } from './appointment.service';
import { ListAppointmentsDto } from './dto/list-appointments.dto';
import { MoveAppointmentDto } from './dto/move-appointment.dto';
import { RebookAppointmentDto } from './dto/rebook-appointment.dto';
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
    private readonly views: AppointmentViews,
    private readonly moveHistory: MovesService,
  ) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: "A room's (or every room's) schedule overlapping [from, to), at most 93 days" })
  @ApiOkResponse({ type: AppointmentView, isArray: true })
  async list(@Query() query: ListAppointmentsDto): Promise<AppointmentView[]> {
    return this.views.of(await this.appointments.list(query));
  }

  @Get(':id/moves')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Why and when this appointment moved' })
  @ApiOkResponse({ type: MoveView, isArray: true })
  moves(@Param('id', ParseIdPipe) id: string): Promise<MoveView[]> {
    return this.moveHistory.ofAppointment(id);
  }

  @Get(':id/alternatives')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Valid places to move a booked fraction: same day other times and rooms first, then the nearest days the course rules allow',
    description:
      "Ranked by how little they disturb the series (distance from the course's usual time of day, same room, fewer days away). " +
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
  @ApiOkResponse({ type: AppointmentView })
  async deliver(@Param('id', ParseIdPipe) id: string): Promise<AppointmentView> {
    return this.views.one(await this.appointments.deliver(id));
  }

  @Post(':id/miss')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: "Record the fraction as missed; it is given again after the course's last fraction, under its own number" })
  async miss(@Param('id', ParseIdPipe) id: string): Promise<{ missed: AppointmentView; appended: AppointmentView[]; unschedulable?: string }> {
    const { missed, appended, unschedulable } = await this.appointments.miss(id);
    const [missedView, ...appendedViews] = await this.views.of([missed, ...appended]);
    return { missed: missedView, appended: appendedViews, ...(unschedulable === undefined ? {} : { unschedulable }) };
  }

  @Post(':id/move')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Move a booked fraction; every hard rule is checked' })
  @ApiConflictResponse({ description: 'problem+json with `rule` (1..8) and `violations`' })
  @ApiOkResponse({ type: AppointmentView })
  async move(@Param('id', ParseIdPipe) id: string, @Body() dto: MoveAppointmentDto): Promise<AppointmentView> {
    return this.views.one(await this.appointments.move(id, dto));
  }

  @Post(':id/rebook')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Book a fraction that is not booked any more (cancelled by a downtime, or missed without a replacement) again',
    description: "With `start`: there, every hard rule checked. Without: after the course's last fraction. The fraction keeps its number.",
  })
  @ApiCreatedResponse({ type: AppointmentView })
  @ApiConflictResponse({
    description: 'problem+json: the fraction is booked already, the course is not active, a rule is broken (`rule`, `violations`) or no place is free',
  })
  async rebook(@Param('id', ParseIdPipe) id: string, @Body() dto: RebookAppointmentDto): Promise<AppointmentView> {
    return this.views.one(await this.appointments.rebook(id, dto));
  }
}
