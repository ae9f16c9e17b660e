import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../common/id-param.pipe';
import { Appointment } from './appointment.entity';
import { AppointmentService } from './appointment.service';

/** A course's appointments, under /courses but served here: courses/ does not import appointments/ (which imports courses/). */
@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CourseAppointmentsController {
  constructor(private readonly service: AppointmentService) {}

  @Get(':id/appointments')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: "The course's fractions (a ministry: only its own referred courses, else 404)" })
  @ApiOkResponse({ type: Appointment, isArray: true })
  appointments(@Param('id', ParseIdPipe) id: string): Promise<Appointment[]> {
    return this.service.ofCourse(id);
  }
}
