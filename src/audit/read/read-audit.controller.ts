import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../common/id-param.pipe';
import { DEFAULT_PAGE_LIMIT, PageQueryDto } from '../../common/page-query.dto';
import { Roles } from '../../common/roles.decorator';
import { setTotalCount, TOTAL_COUNT_HEADER } from '../../common/total-count';
import { ReadAuditEntryView } from '../views/read-audit-entry.view';
import { ReadAuditService } from './read-audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('patients')
export class ReadAuditController {
  constructor(private readonly reads: ReadAuditService) {}

  @Get(':id/read-audit')
  @Roles('ADMIN')
  @ApiOperation({
    summary: "Who read this patient's record, courses or appointments (coordinators and ministries), newest first (admin only)",
    description: `Each entry is one request whose answer showed the patient (alone or in a list). ${TOTAL_COUNT_HEADER} carries the number of entries.`,
  })
  @ApiOkResponse({ type: ReadAuditEntryView, isArray: true, headers: { [TOTAL_COUNT_HEADER]: { description: 'Entries in all', schema: { type: 'integer' } } } })
  async list(@Param('id', ParseIdPipe) id: string, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<ReadAuditEntryView[]> {
    const { items, total } = await this.reads.forPatient(id, query.limit ?? DEFAULT_PAGE_LIMIT, query.offset ?? 0);
    setTotalCount(res, total);
    return items;
  }
}
