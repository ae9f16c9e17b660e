import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CapacityService, CapacityView } from './capacity.service';
import { CapacityQueryDto } from './dto/capacity-query.dto';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'Open vs booked room minutes per room and ISO week over [from, to), free slots by length, and the physical limit for the current case mix',
  })
  get(@Query() query: CapacityQueryDto): Promise<CapacityView> {
    return this.capacity.capacity(query.from, query.to);
  }
}
