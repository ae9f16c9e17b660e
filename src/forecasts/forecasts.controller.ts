import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PageQueryDto } from '../common/page-query.dto';
import { ForecastSummaryView, listForecasts } from './forecast-list';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/current-actor.decorator';
import { Roles } from '../common/roles.decorator';
import type { Actor } from '../common/request-context';
import { CreateForecastDto } from './dto/create-forecast.dto';
import { ForecastsService, ForecastView } from './forecasts.service';
import { ForecastView as ForecastViewSchema } from './views/forecast-result.view';
import { setTotalCount, TOTAL_COUNT_HEADER } from '../common/total-count';

@ApiTags('forecasts')
@ApiBearerAuth()
@Controller('forecasts')
export class ForecastsController {
  constructor(
    private readonly forecasts: ForecastsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Past forecasts, newest first, with their inputs (paged; the result of one: GET /forecasts/:id)' })
  @ApiOkResponse({
    type: ForecastSummaryView,
    isArray: true,
    headers: { [TOTAL_COUNT_HEADER]: { description: 'Forecasts in all', schema: { type: 'integer' } } },
  })
  async list(@Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<ForecastSummaryView[]> {
    const { items, total } = await listForecasts(this.dataSource, query);
    setTotalCount(res, total);
    return items;
  }

  @Post()
  @Roles('ADMIN')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start a Monte Carlo capacity forecast (runs as a job); poll GET /forecasts/:id' })
  @ApiAcceptedResponse({ schema: { example: { id: 'uuid', status: 'QUEUED' } } })
  create(@Body() dto: CreateForecastDto, @CurrentActor() actor: Actor): Promise<{ id: string; status: string }> {
    return this.forecasts.create(dto, actor);
  }

  @Get(':id')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Status, progress (0..1) and, once DONE, the result: the headline (courses started vs target), weekly bands, the other figures',
  })
  @ApiOkResponse({ type: ForecastViewSchema })
  get(@Param('id', ParseIdPipe) id: string): Promise<ForecastView> {
    return this.forecasts.get(id);
  }

  @Get(':id/chart.svg')
  @Roles('ADMIN')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'SVG chart of a DONE forecast: utilization and wait bands, courses/year vs target; 409 before' })
  chart(@Param('id', ParseIdPipe) id: string): Promise<string> {
    return this.forecasts.chartSvg(id);
  }
}
