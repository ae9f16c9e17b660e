import { Controller, Delete, Get, Header, Headers, HttpCode, HttpStatus, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ParseIdPipe } from '../common/id-param.pipe';
import { Public } from '../common/public.decorator';
import { Roles } from '../common/roles.decorator';
import { CalendarLinksService } from './calendar-links.service';
import { ICS_CONTENT_TYPE } from './course-files.controller';
import { PatientFileQueryDto } from './dto/patient-file-query.dto';
import { fileLanguage } from './file-language';
import { PatientFilesService } from './patient-files.service';
import { CalendarLinkStatusView, IssuedCalendarLinkView } from './views/calendar-link.view';

/** Where a token's feed is served, under the API prefix. */
export const feedPath = (token: string) => `/api/v1/calendar-feeds/${token}/calendar.ics`;

/** The patient's secret subscription link: coordinators manage it, a phone calendar reads it without signing in. */
@ApiTags('patients')
@Controller()
export class CalendarLinksController {
  constructor(
    private readonly links: CalendarLinksService,
    private readonly files: PatientFilesService,
  ) {}

  @Get('patients/:id/calendar-link')
  @ApiBearerAuth()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Whether the patient has a live calendar subscription link (its token is shown only when issued)' })
  @ApiOkResponse({ type: CalendarLinkStatusView })
  status(@Param('id', ParseIdPipe) id: string): Promise<CalendarLinkStatusView> {
    return this.links.status(id);
  }

  @Post('patients/:id/calendar-link')
  @ApiBearerAuth()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: "Issue a new secret subscription link for all the patient's courses; the previous link stops working" })
  @ApiCreatedResponse({ type: IssuedCalendarLinkView })
  async issue(@Param('id', ParseIdPipe) id: string, @Req() req: Request): Promise<IssuedCalendarLinkView> {
    const { token, status } = await this.links.issue(id);
    const path = feedPath(token);
    const host = req.get('host') ?? 'localhost';
    return { ...status, path, url: `${req.protocol}://${host}${path}`, webcalUrl: `webcal://${host}${path}` };
  }

  @Delete('patients/:id/calendar-link')
  @ApiBearerAuth()
  @Roles('ADMIN', 'COORDINATOR')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke the live subscription link: its URL answers 404 from now on' })
  @ApiOkResponse({ type: CalendarLinkStatusView })
  revoke(@Param('id', ParseIdPipe) id: string): Promise<CalendarLinkStatusView> {
    return this.links.revoke(id);
  }

  @Get('calendar-feeds/:token/calendar.ics')
  @Public()
  // A feed the phone re-reads: never cached by a shared proxy, which would hand it to others.
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: "The patient's subscription feed: every course's fractions as iCalendar, no sign-in (the token is the secret)",
    description: 'An unknown or revoked token answers 404.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  async feed(@Param('token') token: string, @Query() query: PatientFileQueryDto, @Headers('accept-language') acceptLanguage?: string): Promise<StreamableFile> {
    const patientId = await this.links.patientOf(token);
    const text = await this.files.patientCalendar(patientId, fileLanguage(query.lang, acceptLanguage));
    return new StreamableFile(Buffer.from(text, 'utf8'), { type: ICS_CONTENT_TYPE, disposition: 'inline; filename="beamtime.ics"' });
  }
}
