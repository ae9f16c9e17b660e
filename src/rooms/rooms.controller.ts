import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CreateRoomDto } from './dto/create-room.dto';
import { ListRoomsDto } from './dto/list-rooms.dto';
import { RoomService } from './room.service';
import { RoomView, toRoomView } from './views/room.view';
import { UpdateRoomDto } from './dto/update-room.dto';

@ApiTags('rooms')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOkResponse({ type: [RoomView] })
  @ApiOperation({ summary: 'Treatment rooms, by name' })
  async list(@Query() query: ListRoomsDto): Promise<RoomView[]> {
    return (await this.rooms.list(query.active)).map(toRoomView);
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOkResponse({ type: RoomView })
  @ApiOperation({ summary: 'One room' })
  async get(@Param('id', ParseIdPipe) id: string): Promise<RoomView> {
    return toRoomView(await this.rooms.get(id));
  }

  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: RoomView })
  @ApiOperation({ summary: 'Add a room (409 when the name is taken)' })
  async create(@Body() dto: CreateRoomDto): Promise<RoomView> {
    return toRoomView(await this.rooms.create(dto));
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOkResponse({ type: RoomView })
  @ApiOperation({ summary: 'Rename, change kind, or (de)activate a room; rooms are never deleted' })
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateRoomDto): Promise<RoomView> {
    return toRoomView(await this.rooms.update(id, dto));
  }
}
