import { Body, Controller, Get, Header, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CSV_CONTENT_TYPE, toCsv } from '../common/csv';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CreateQuotaDto } from './dto/create-quota.dto';
import { ListQuotasDto } from './dto/list-quotas.dto';
import { LedgerReport, QuotasService } from './quotas.service';
import { QuotaView } from './views/quota.view';
import { UpdateQuotaDto } from './dto/update-quota.dto';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('quotas')
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  @Get()
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: "Quotas by year/country/category (a ministry: only its own country's)" })
  @ApiOkResponse({ type: QuotaView, isArray: true })
  list(@Query() query: ListQuotasDto): Promise<QuotaView[]> {
    return this.quotas.list(query);
  }

  @Get(':id')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: "One quota (another country's id answers 404 to a ministry)" })
  @ApiOkResponse({ type: QuotaView })
  get(@Param('id', ParseIdPipe) id: string): Promise<QuotaView> {
    return this.quotas.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: "Grant a quota; the year's grants may not exceed annualCapacity x crossBorderShare" })
  @ApiConflictResponse({ description: 'year-cap-exceeded or quota-exists' })
  @ApiCreatedResponse({ type: QuotaView })
  create(@Body() dto: CreateQuotaDto): Promise<QuotaView> {
    return this.quotas.create(dto);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change the granted places' })
  @ApiConflictResponse({ description: 'quota-below-commitments (below reserved + used) or year-cap-exceeded' })
  @ApiOkResponse({ type: QuotaView })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateQuotaDto): Promise<QuotaView> {
    return this.quotas.update(id, dto);
  }

  @Get(':id/ledger')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: 'Every change of the quota, their sums, and whether the counters match them' })
  ledger(@Param('id', ParseIdPipe) id: string): Promise<LedgerReport> {
    return this.quotas.ledger(id);
  }

  @Get(':id/ledger.csv')
  @Roles('ADMIN', 'MINISTRY')
  @Header('Content-Type', CSV_CONTENT_TYPE)
  @ApiOperation({ summary: 'The ledger as CSV (one row per change: grants, holds, uses, releases, expiries, returns), oldest first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'at,kind,deltaGranted,deltaReserved,deltaUsed,reservationId,referralId,actor,actorRole', schema: { type: 'string' } })
  async ledgerCsv(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const report = await this.quotas.ledger(id);
    res.setHeader('Content-Disposition', `attachment; filename="quota-${id}-ledger.csv"`);
    return toCsv(
      ['at', 'kind', 'deltaGranted', 'deltaReserved', 'deltaUsed', 'reservationId', 'referralId', 'actor', 'actorRole'],
      report.entries.map((e) => [
        new Date(e.at).toISOString(),
        e.kind,
        e.deltaGranted,
        e.deltaReserved,
        e.deltaUsed,
        e.reservationId,
        e.referralId,
        e.actorUsername,
        e.actorRole,
      ]),
    );
  }
}
