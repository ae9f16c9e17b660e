import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OpenedDaysRescheduleView } from './opened-days-follow-up';
import { Roles } from '../common/roles.decorator';
import { ClosedDayView } from './views/closed-day.view';
import { ClosureView, toClosureView } from './views/closure.view';
import { CreateClosureDto } from './dto/create-closure.dto';
import { ClosedDay, HolidayService } from './holiday.service';
import { ClosuresQueryDto, HolidaysQueryDto } from './dto/year-query.dto';

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
  @ApiOkResponse({ type: [ClosureView] })
  @ApiOperation({ summary: 'Administrator closures and decree-moved working days as stored' })
  async list(@Query() query: ClosuresQueryDto): Promise<ClosureView[]> {
    return (await this.holidays.listClosures(query.year)).map(toClosureView);
  }

  @Post('closures')
  @Roles('ADMIN')
  @ApiCreatedResponse({
    type: ClosureView,
    description:
      'A WORKING_DAY that leaves booked courses with the day unused between two fractions also carries `reschedule` (OpenedDaysRescheduleView): the job that pulls their last fraction onto it',
  })
  @ApiOperation({ summary: 'Close a date (CLOSURE) or open a normally closed one (WORKING_DAY); 409 when the date has an entry or booked fractions' })
  async create(@Body() dto: CreateClosureDto): Promise<ClosureView & { reschedule?: OpenedDaysRescheduleView }> {
    const { reschedule, ...closure } = await this.holidays.createClosure(dto);
    return reschedule ? { ...toClosureView(closure), reschedule } : toClosureView(closure);
  }

  @Delete('closures/:id')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; nothing follows' })
  @ApiAcceptedResponse({
    type: OpenedDaysRescheduleView,
    description: 'Removed; the day it opens is unused by booked courses, whose last fraction a reschedule job pulls onto it',
  })
  @ApiOperation({ summary: 'Remove a closure or working day' })
  async remove(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<OpenedDaysRescheduleView | void> {
    const reschedule = await this.holidays.deleteClosure(id);
    // 202 only when a reschedule follows: a day opened that no course leaves unused is nothing to wait for.
    if (!reschedule || reschedule.coursesConcerned === 0) return;
    res.status(202);
    return reschedule;
  }
}
