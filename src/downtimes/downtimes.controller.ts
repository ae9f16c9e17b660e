import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/id-param.pipe';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OpenedDaysRescheduleView } from '../calendar/opened-days-follow-up';
import { DowntimeChangeService } from './downtime-change.service';
import { ChangedDowntimeView, DowntimeChangePreviewView, DowntimeReschedulePreviewView } from './views/downtime-preview.view';
import { UpdateDowntimeDto } from './dto/update-downtime.dto';
import { Roles } from '../common/roles.decorator';
import { CreateDowntimeDto } from './dto/create-downtime.dto';
import { DowntimeService } from './downtime.service';
import { CreatedDowntimeView, DowntimeView } from './views/downtime.view';
import { ListDowntimesDto } from './dto/list-downtimes.dto';

@ApiTags('downtimes')
@ApiBearerAuth()
@Controller('downtimes')
export class DowntimesController {
  constructor(
    private readonly downtimes: DowntimeService,
    private readonly changes: DowntimeChangeService,
  ) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Downtimes overlapping [from, to], by start' })
  @ApiOkResponse({ type: [DowntimeView] })
  list(@Query() query: ListDowntimesDto): Promise<DowntimeView[]> {
    return this.downtimes.list(query);
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'One downtime with the state of its reschedule' })
  @ApiOkResponse({ type: DowntimeView })
  get(@Param('id', ParseIdPipe) id: string): Promise<DowntimeView> {
    return this.downtimes.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Declare a room (or, roomId null, the whole beam line) out of service; booked fractions it hits are rescheduled by a job' })
  @ApiCreatedResponse({ type: CreatedDowntimeView })
  @ApiConflictResponse({ description: 'duplicate-downtime: another downtime covers exactly this room and time' })
  create(@Body() dto: CreateDowntimeDto): Promise<CreatedDowntimeView> {
    return this.downtimes.create(dto);
  }

  @Post(':id/reschedule')
  @Roles('ADMIN')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retry a FAILED reschedule as a new job; 409 unless the last attempt FAILED' })
  @ApiAcceptedResponse({ type: CreatedDowntimeView })
  retry(@Param('id', ParseIdPipe) id: string): Promise<CreatedDowntimeView> {
    return this.downtimes.retryReschedule(id);
  }

  @Post('preview')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({
    summary: "Dry run of declaring a downtime: which fractions it would move (and where) or cancel, computed by the reschedule's own code; writes nothing",
  })
  @ApiOkResponse({ type: DowntimeReschedulePreviewView })
  preview(@Body() dto: CreateDowntimeDto): Promise<DowntimeReschedulePreviewView> {
    return this.downtimes.preview(dto);
  }

  @Post(':id/preview')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Dry run of PATCH /downtimes/:id with this body: fractions the newly covered time moves, and fractions pulled onto days the freed time opens; writes nothing',
  })
  @ApiOkResponse({ type: DowntimeChangePreviewView })
  previewUpdate(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateDowntimeDto): Promise<DowntimeChangePreviewView> {
    return this.changes.previewUpdate(id, dto);
  }

  @Get(':id/withdrawal-preview')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Dry run of DELETE /downtimes/:id: the days it would open and the fractions pulled onto them; writes nothing' })
  @ApiOkResponse({ type: DowntimeChangePreviewView })
  previewWithdraw(@Param('id', ParseIdPipe) id: string): Promise<DowntimeChangePreviewView> {
    return this.changes.previewWithdraw(id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      'Shorten, extend or move a downtime: newly covered time is rescheduled (a new attempt of its job), freed days pull fractions back (opened-days job)',
  })
  @ApiOkResponse({ type: ChangedDowntimeView })
  @ApiConflictResponse({ description: 'duplicate-downtime: the change would make it an exact twin of another downtime' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateDowntimeDto): Promise<ChangedDowntimeView> {
    return this.changes.update(id, dto);
  }

  @Delete(':id')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Withdrawn; the freed time opens no day a booked course leaves unused' })
  @ApiAcceptedResponse({
    type: OpenedDaysRescheduleView,
    description: 'Withdrawn; a reschedule job pulls the last fractions of courses onto the days it opens',
  })
  @ApiOperation({ summary: 'Withdraw a downtime (fractions it moved stay where they are; days it frees are offered back as for a removed closure)' })
  async withdraw(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<OpenedDaysRescheduleView | void> {
    const opened = await this.changes.withdraw(id);
    if (!opened || opened.coursesConcerned === 0) return;
    res.status(202);
    return opened;
  }
}
