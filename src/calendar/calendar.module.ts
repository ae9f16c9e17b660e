import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ClosureRepository } from './closure.repository';
import { HolidayService } from './holiday.service';
import { HolidaysController } from './holidays.controller';

@Module({
  controllers: [CalendarController, HolidaysController],
  providers: [CalendarService, HolidayService, ClosureRepository],
})
export class CalendarModule {}
