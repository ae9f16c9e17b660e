import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreateDowntimeDto } from './create-downtime.dto';
import { DowntimeService } from './downtime.service';
import { CreatedDowntimeView, DowntimeView } from './downtime.view';
import { ListDowntimesDto } from './list-downtimes.dto';

@ApiTags('downtimes')
@ApiBearerAuth()
@Controller('downtimes')
export class DowntimesController {
  constructor(private readonly downtimes: DowntimeService) {}

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
}
