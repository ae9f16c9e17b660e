import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CountriesService } from './countries.service';
import { CreateCountryDto } from './dto/create-country.dto';
import { CountryView, toCountryView } from './views/country.view';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'Countries (a ministry sees only its own)' })
  @ApiOkResponse({ type: CountryView, isArray: true })
  async list(): Promise<CountryView[]> {
    return (await this.countries.list()).map(toCountryView);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a country (409 when the code exists)' })
  @ApiCreatedResponse({ type: CountryView })
  async create(@Body() dto: CreateCountryDto): Promise<CountryView> {
    return toCountryView(await this.countries.create(dto));
  }
}
