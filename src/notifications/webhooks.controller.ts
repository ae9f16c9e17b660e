import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/id-param.pipe';
import { Roles } from '../common/roles.decorator';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListFailedNotificationsDto } from './dto/list-failed.dto';
import { NotificationLogService } from './notification-log.service';
import { NotificationView } from './views/notification.view';
import { WebhookView } from './views/webhook.view';
import { WebhooksService } from './webhooks.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly log: NotificationLogService,
  ) {}

  @Post('webhooks')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Register a ministry's receiver (one per country; 409 while one is active). The secret is never returned." })
  @ApiCreatedResponse({ type: WebhookView })
  create(@Body() dto: CreateWebhookDto): Promise<WebhookView> {
    return this.webhooks.create(dto);
  }

  @Get('webhooks')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Ministry receivers, active first (without secrets)' })
  @ApiOkResponse({ type: WebhookView, isArray: true })
  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  @Delete('webhooks/:id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Remove a receiver (kept for the log, no longer sent to)' })
  @ApiOkResponse({ type: WebhookView })
  remove(@Param('id', ParseIdPipe) id: string): Promise<WebhookView> {
    return this.webhooks.remove(id);
  }

  @Get('notifications/failed')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Notices that gave up (a webhook after 24 h of retries, an e-mail the server kept refusing), newest first' })
  @ApiOkResponse({ type: NotificationView, isArray: true })
  failed(@Query() query: ListFailedNotificationsDto): Promise<NotificationView[]> {
    return this.log.failed(query);
  }
}
