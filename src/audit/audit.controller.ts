import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { badRequest } from '../common/problem';
import { CSV_CONTENT_TYPE, toCsv } from '../common/csv';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { AuditQuery, AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { DEFAULT_PAGE_LIMIT } from '../common/page-query.dto';

export interface AuditEntryView {
  id: string;
  at: string;
  userId: string | null;
  username: string;
  role: string;
  countryCode: string | null;
  action: string;
  entity: string;
  entityId: string;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Audit trail, newest first, filtered by actor, action (or family), entity, entity id and time range (admin only)' })
  async list(@Query() query: AuditQueryDto): Promise<AuditEntryView[]> {
    const rows = await this.audit.find(toAuditQuery(query, query.limit ?? DEFAULT_PAGE_LIMIT));
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  @Get('export.csv')
  @Roles('ADMIN')
  @Header('Content-Type', CSV_CONTENT_TYPE)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The filtered audit trail as CSV (same filters; limit up to 1000 per page, default 1000)' })
  @ApiOkResponse({ description: 'id,at,username,role,countryCode,action,entity,entityId,requestId,details', schema: { type: 'string' } })
  async exportCsv(@Query() query: AuditQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const rows = await this.audit.find(toAuditQuery(query, query.limit ?? 1000));
    res.setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
    return toCsv(
      ['id', 'at', 'username', 'role', 'countryCode', 'action', 'entity', 'entityId', 'requestId', 'details'],
      rows.map((r) => [
        r.id,
        new Date(r.at).toISOString(),
        r.username,
        r.role,
        r.countryCode,
        r.action,
        r.entity,
        r.entityId,
        r.requestId,
        r.details ? JSON.stringify(r.details) : null,
      ]),
    );
  }
}

function toAuditQuery(query: AuditQueryDto, limit: number): AuditQuery {
  const [from, to] = [query.from ? new Date(query.from) : undefined, query.to ? new Date(query.to) : undefined];
  if (from && to && !(to > from)) {
    throw badRequest('invalid-range', 'The range is empty: to must be after from', { errors: [{ field: 'to', messages: ['to must be after from'] }] });
  }
  return { entity: query.entity, entityId: query.id, actor: query.actor, action: query.action, from, to, limit, offset: query.offset ?? 0 };
}
