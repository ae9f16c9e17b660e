import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentService } from './appointment.service';
import { AlternativesService } from './alternatives.service';
import { AppointmentViews } from './appointment-views.service';
import { MovesController } from './moves.controller';
import { MovesService } from './moves.service';
import { BookingsModule } from './bookings.module';

@Module({
  imports: [CenterModule, BookingsModule],
  controllers: [AppointmentsController, MovesController],
  providers: [AppointmentService, AlternativesService, AppointmentViews, MovesService],
  exports: [AppointmentService],
})
export class AppointmentsModule {}
