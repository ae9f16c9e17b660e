import { Module } from '@nestjs/common';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

/** Read models the web console's day board needs in one request. */
@Module({
  controllers: [BoardController],
  providers: [BoardService],
})
export class BoardModule {}
