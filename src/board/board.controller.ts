import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { BoardService } from './board.service';
import { BoardView } from './views/board.view';
import { BoardQueryDto } from './dto/board-query.dto';
import { ReadAudited } from '../audit/read/read-audited.decorator';

@ApiTags('board')
@ApiBearerAuth()
@Controller('board')
export class BoardController {
  constructor(private readonly boards: BoardService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ReadAudited({ action: 'board.read', patients: (b: BoardView) => b.appointments.map((a) => a.patient.id) })
  @ApiOperation({
    summary: 'The day board: rooms, hours, QA, closures, downtimes, free places and every fraction of 1–7 days, with names and local times',
  })
  @ApiOkResponse({ type: BoardView })
  board(@Query() query: BoardQueryDto): Promise<BoardView> {
    return this.boards.board(query);
  }
}
