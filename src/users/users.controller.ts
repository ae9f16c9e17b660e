import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreateUserDto } from './dto/create-user.dto';
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
}
