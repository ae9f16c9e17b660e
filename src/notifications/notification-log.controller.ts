import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/id-param.pipe';
import { PageQueryDto } from '../common/page-query.dto';
import { Roles } from '../common/roles.decorator';
import { NotificationLogService } from './notification-log.service';
import { NotificationView } from './views/notification.view';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationLogController {
  constructor(private readonly log: NotificationLogService) {}

  @Get('patients/:id/notifications')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: "A patient's notification log, newest first (a ministry: only patients it referred, others 404)" })
  @ApiOkResponse({ type: NotificationView, isArray: true })
  forPatient(@Param('id', ParseIdPipe) id: string, @Query() page: PageQueryDto): Promise<NotificationView[]> {
    return this.log.forPatient(id, page);
  }

  @Get('referrals/:id/notifications')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: "A referral's notification log: the patient's notices and the ministry's webhooks (a ministry: its own referrals only)" })
  @ApiOkResponse({ type: NotificationView, isArray: true })
  forReferral(@Param('id', ParseIdPipe) id: string, @Query() page: PageQueryDto): Promise<NotificationView[]> {
    return this.log.forReferral(id, page);
  }
}
