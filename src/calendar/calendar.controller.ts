import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import type { CenterSettings } from '../center/center-settings';
import { CalendarService } from './calendar.service';
import { CalendarView } from './views/calendar.view';
import { UpdateCalendarDto } from './dto/update-calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Operating hours, QA, anesthesia windows/teams, time zone and capacity settings' })
  @ApiOkResponse({ type: CalendarView })
  get(): Promise<CenterSettings> {
    return this.calendar.get();
  }

  @Put()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change calendar settings; fields left out keep their value. All or nothing.' })
  @ApiOkResponse({ type: CalendarView })
  update(@Body() dto: UpdateCalendarDto): Promise<CenterSettings> {
    return this.calendar.update(dto);
  }
}
