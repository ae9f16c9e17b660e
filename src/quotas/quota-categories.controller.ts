import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CreateQuotaCategoryDto } from './dto/create-quota-category.dto';
import { QuotaCategoriesService } from './quota-categories.service';
import { QuotaCategoryView, toQuotaCategoryView } from './views/quota-category.view';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('quota-categories')
export class QuotaCategoriesController {
  constructor(private readonly categories: QuotaCategoriesService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'Quota categories' })
  @ApiOkResponse({ type: QuotaCategoryView, isArray: true })
  async list(): Promise<QuotaCategoryView[]> {
    return (await this.categories.list()).map(toQuotaCategoryView);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a quota category (409 when the code exists)' })
  @ApiCreatedResponse({ type: QuotaCategoryView })
  async create(@Body() dto: CreateQuotaCategoryDto): Promise<QuotaCategoryView> {
    return toQuotaCategoryView(await this.categories.create(dto));
  }
}
