import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/roles.decorator';
import { setTotalCount, TOTAL_COUNT_HEADER } from '../common/total-count';
import { ListMovesDto } from './dto/list-moves.dto';
import { MovesService } from './moves.service';
import { MoveView } from './views/move.view';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('moves')
export class MovesController {
  constructor(private readonly moves: MovesService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({
    summary: 'The worklist after a disruption: fractions moved or cancelled since a moment, newest first',
    description: `Each with the patient, fraction n/N, old and new place (room names, local date and time) and the reason (\`reasonKind\`: DOWNTIME, EARLY_START, MISSED, OPENED_DAY, EMERGENCY, REBOOKED, MANUAL, OTHER). ${TOTAL_COUNT_HEADER} carries the number of matches.`,
  })
  @ApiOkResponse({ type: MoveView, isArray: true, headers: { [TOTAL_COUNT_HEADER]: { description: 'Matches in all', schema: { type: 'integer' } } } })
  async list(@Query() query: ListMovesDto, @Res({ passthrough: true }) res: Response): Promise<MoveView[]> {
    const { items, total } = await this.moves.since(query);
    setTotalCount(res, total);
    return items;
  }
}
