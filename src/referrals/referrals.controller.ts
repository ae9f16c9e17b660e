import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CancelCourseDto } from '../courses/dto/cancel-course.dto';
import { CreateReferralDto } from './dto/create-referral.dto';
import { ListReferralsDto } from './dto/list-referrals.dto';
import { ReferralView } from './views/referral.view';
import { ReferralsService } from './referrals.service';
import { ReadAudited } from '../audit/read/read-audited.decorator';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({
    summary:
      'Refer a patient: against a held reservation (reservationId), or in one step against a quota (quotaId: one place held and used in the same transaction); creates the patient and course, submits it. Every 422 defect of the form comes back at once (invalid-referral lists them)',
  })
  @ApiConflictResponse({ description: 'reservation-expired, reservation-not-held (released, expired or used up) or not-enough-places (quotaId)' })
  @ApiCreatedResponse({ type: ReferralView })
  create(@Body() dto: CreateReferralDto): Promise<ReferralView> {
    return this.referrals.create(dto);
  }

  @Get()
  @Roles('ADMIN', 'MINISTRY')
  @ReadAudited({ action: 'referral.list', patients: (list: ReferralView[]) => list.map((r) => r.patientId) })
  @ApiOperation({ summary: "Referrals with their course status and first fraction date (a ministry: its own country's)" })
  @ApiOkResponse({ type: ReferralView, isArray: true })
  list(@Query() query: ListReferralsDto): Promise<ReferralView[]> {
    return this.referrals.list(query);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: 'Withdraw a referred patient before the first fraction: cancels the course and returns the place' })
  @ApiConflictResponse({
    description: 'course-started (a fraction was given, missed or due already), referral-returned, or the course is no longer cancellable',
  })
  @ApiOkResponse({ type: ReferralView })
  cancel(@Param('id', ParseIdPipe) id: string, @Body() dto: CancelCourseDto): Promise<ReferralView> {
    return this.referrals.cancel(id, dto.reason);
  }

  @Get(':id')
  @Roles('ADMIN', 'MINISTRY')
  @ReadAudited({ action: 'referral.read', patients: (r: ReferralView) => [r.patientId], param: 'id' })
  @ApiOperation({ summary: 'One referral' })
  @ApiOkResponse({ type: ReferralView })
  get(@Param('id', ParseIdPipe) id: string): Promise<ReferralView> {
    return this.referrals.get(id);
  }
}
