import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { capacitySummary, CapacitySummaryQueryDto, CapacitySummaryView } from './capacity-summary';
import { Roles } from '../common/roles.decorator';
import { CapacityService, CapacityView } from './capacity.service';
import { CapacityQueryDto } from './dto/capacity-query.dto';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('capacity')
export class CapacityController {
  constructor(
    private readonly capacity: CapacityService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('summary')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Capacity dashboard figures: courses started this year vs the target, the waiting list by urgency with the oldest wait, late starts',
  })
  @ApiOkResponse({ type: CapacitySummaryView })
  summary(@Query() query: CapacitySummaryQueryDto): Promise<CapacitySummaryView> {
    return capacitySummary(this.dataSource, query.year);
  }

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Open vs booked room minutes per room and ISO week over [from, to), free slots by length, and the physical limit for the current case mix',
  })
  get(@Query() query: CapacityQueryDto): Promise<CapacityView> {
    return this.capacity.capacity(query.from, query.to);
  }
}
