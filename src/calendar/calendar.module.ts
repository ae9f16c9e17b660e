import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ClosureRepository } from './closure.repository';
import { HolidayService } from './holiday.service';
import { HolidaysController } from './holidays.controller';
import { OpenedDaysFollowUp } from './opened-days-follow-up';
import { BookingsModule } from '../appointments/bookings.module';

@Module({
  imports: [BookingsModule],
  controllers: [CalendarController, HolidaysController],
  providers: [CalendarService, HolidayService, ClosureRepository, OpenedDaysFollowUp],
})
export class CalendarModule {}
