import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { AuditService } from './audit.service';
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
  @ApiOperation({ summary: 'Audit trail, newest first, optionally for one entity (admin only)' })
  async list(@Query() query: AuditQueryDto): Promise<AuditEntryView[]> {
    const rows = await this.audit.find({ entity: query.entity, entityId: query.id, limit: query.limit ?? DEFAULT_PAGE_LIMIT, offset: query.offset ?? 0 });
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }
}
