import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentService } from './appointment.service';
import { AlternativesService } from './alternatives.service';
import { BookingsModule } from './bookings.module';

@Module({
  imports: [CenterModule, BookingsModule],
  controllers: [AppointmentsController],
  providers: [AppointmentService, AlternativesService],
  exports: [AppointmentService],
})
export class AppointmentsModule {}
