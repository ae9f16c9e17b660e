import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { CoursesModule } from '../courses/courses.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentService } from './appointment.service';
import { BookingsModule } from './bookings.module';
import { CourseAppointmentsController } from './course-appointments.controller';

@Module({
  imports: [CenterModule, BookingsModule, CoursesModule],
  controllers: [AppointmentsController, CourseAppointmentsController],
  providers: [AppointmentService],
  exports: [AppointmentService],
})
export class AppointmentsModule {}
