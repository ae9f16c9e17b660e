import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { ParseIdPipe } from '../common/id-param.pipe';
import { CourseService } from '../courses/course.service';
import { AppointmentService } from './appointment.service';
import { AppointmentViews } from './appointment-views.service';
import { MovesService } from './moves.service';
import { AppointmentView } from './views/appointment.view';
import { MoveView } from './views/move.view';
import { ReadAudited } from '../audit/read/read-audited.decorator';

/** A course's fractions and move history, under /courses but served here: courses/ does not import appointments/ (which imports courses/). */
@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CourseAppointmentsController {
  constructor(
    private readonly service: AppointmentService,
    private readonly courses: CourseService,
    private readonly views: AppointmentViews,
    private readonly moves: MovesService,
  ) {}

  @Get(':id/appointments')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ReadAudited({ action: 'course.appointments', patients: (list: AppointmentView[]) => list.map((a) => a.patient.id), param: 'id' })
  @ApiOperation({ summary: "The course's fractions with room names and local times (a ministry: only its own referred courses, else 404)" })
  @ApiOkResponse({ type: AppointmentView, isArray: true })
  async appointments(@Param('id', ParseIdPipe) id: string): Promise<AppointmentView[]> {
    return this.views.of(await this.service.ofCourse(id));
  }

  @Get(':id/moves')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ReadAudited({ action: 'course.moves', patients: (list: MoveView[]) => list.map((m) => m.patient.id), param: 'id' })
  @ApiOperation({ summary: "The course's move history: every move or cancel of its fractions, oldest first, with reason kind and local times" })
  @ApiOkResponse({ type: MoveView, isArray: true })
  async moveHistory(@Param('id', ParseIdPipe) id: string): Promise<MoveView[]> {
    await this.courses.get(id);
    return this.moves.ofCourse(id);
  }
}
