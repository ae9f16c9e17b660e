import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/current-actor.decorator';
import { Roles } from '../common/roles.decorator';
import type { Actor } from '../common/request-context';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserView } from './dto/user-view.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create an account (admin only); 409 when the username is taken' })
  @ApiCreatedResponse({ type: UserView })
  async create(@Body() dto: CreateUserDto): Promise<UserView> {
    return UserView.of(await this.users.create(dto));
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'All accounts (admin only)' })
  @ApiOkResponse({ type: [UserView] })
  async list(): Promise<UserView[]> {
    return (await this.users.list()).map((u) => UserView.of(u));
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change role/country, reset the password or disable an account (admin only)' })
  @ApiOkResponse({ type: UserView })
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return UserView.of(await this.users.update(id, dto, actor));
  }
}
