import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { CoursesModule } from '../courses/courses.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentService } from './appointment.service';
import { AlternativesService } from './alternatives.service';
import { AppointmentViews } from './appointment-views.service';
import { MovesController } from './moves.controller';
import { MovesService } from './moves.service';
import { BookingsModule } from './bookings.module';
import { CourseAppointmentsController } from './course-appointments.controller';

@Module({
  imports: [CenterModule, BookingsModule, CoursesModule],
  controllers: [AppointmentsController, CourseAppointmentsController, MovesController],
  providers: [AppointmentService, AlternativesService, AppointmentViews, MovesService],
  exports: [AppointmentService],
})
export class AppointmentsModule {}
