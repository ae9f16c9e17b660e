import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreateRoomDto } from './create-room.dto';
import { ListRoomsDto } from './list-rooms.dto';
import { Room } from './room.entity';
import { RoomService } from './room.service';
import { UpdateRoomDto } from './update-room.dto';

@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOkResponse({ type: [Room] })
  @ApiOperation({ summary: 'Treatment rooms, by name' })
  list(@Query() query: ListRoomsDto): Promise<Room[]> {
    return this.rooms.list(query.active);
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOkResponse({ type: Room })
  @ApiOperation({ summary: 'One room' })
  get(@Param('id', ParseIdPipe) id: string): Promise<Room> {
    return this.rooms.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: Room })
  @ApiOperation({ summary: 'Add a room (409 when the name is taken)' })
  create(@Body() dto: CreateRoomDto): Promise<Room> {
    return this.rooms.create(dto);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOkResponse({ type: Room })
  @ApiOperation({ summary: 'Rename, change kind, or (de)activate a room; rooms are never deleted' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateRoomDto): Promise<Room> {
    return this.rooms.update(id, dto);
  }
}
