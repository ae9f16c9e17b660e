import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreateQuotaCategoryDto } from './create-quota-category.dto';
import { QuotaCategoriesService } from './quota-categories.service';
import { QuotaCategory } from './quota-category.entity';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('quota-categories')
export class QuotaCategoriesController {
  constructor(private readonly categories: QuotaCategoriesService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'Quota categories' })
  list(): Promise<QuotaCategory[]> {
    return this.categories.list();
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a quota category (409 when the code exists)' })
  create(@Body() dto: CreateQuotaCategoryDto): Promise<QuotaCategory> {
    return this.categories.create(dto);
  }
}
