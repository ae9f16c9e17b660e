import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CountriesService } from './countries.service';
import { Country } from './country.entity';
import { CreateCountryDto } from './create-country.dto';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'Countries (a ministry sees only its own)' })
  list(): Promise<Country[]> {
    return this.countries.list();
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a country (409 when the code exists)' })
  create(@Body() dto: CreateCountryDto): Promise<Country> {
    return this.countries.create(dto);
  }
}
