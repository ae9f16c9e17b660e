import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ClosedDayView } from './closed-day.view';
import { Closure } from './closure.entity';
import { CreateClosureDto } from './create-closure.dto';
import { ClosedDay, HolidayService } from './holiday.service';
import { ClosuresQueryDto, HolidaysQueryDto } from './year-query.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class HolidaysController {
  constructor(private readonly holidays: HolidayService) {}

  @Get('holidays')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOkResponse({ type: [ClosedDayView] })
  @ApiOperation({ summary: "A year's closed days: public holidays (KZ) and administrator closures, minus decree working days" })
  closedDays(@Query() query: HolidaysQueryDto): Promise<ClosedDay[]> {
    return this.holidays.closedDays(query.year);
  }

  @Get('closures')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOkResponse({ type: [Closure] })
  @ApiOperation({ summary: 'Administrator closures and decree-moved working days as stored' })
  list(@Query() query: ClosuresQueryDto): Promise<Closure[]> {
    return this.holidays.listClosures(query.year);
  }

  @Post('closures')
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: Closure })
  @ApiOperation({ summary: 'Close a date (CLOSURE) or open a normally closed one (WORKING_DAY); 409 when the date has an entry or booked fractions' })
  create(@Body() dto: CreateClosureDto): Promise<Closure> {
    return this.holidays.createClosure(dto);
  }

  @Delete('closures/:id')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Remove a closure or working day' })
  remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.holidays.deleteClosure(id);
  }
}
