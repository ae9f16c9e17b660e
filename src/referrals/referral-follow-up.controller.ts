import { Controller, Get, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../common/roles.decorator';
import { ParseIdPipe } from '../common/id-param.pipe';
import { formatInstant } from '../scheduling';
import { ReferralFractionView, ReferralMoveView } from './views/referral-follow-up.view';
import { ReferralsService } from './referrals.service';

const localStart = (zone: string, at: Date | null): string | null => (at ? formatInstant(zone, Math.floor(at.getTime() / 60_000)) : null);

/**
 * What a ministry may read of its own referrals beyond the referral itself: the fractions with their rooms
 * and the moves with their reasons. `/rooms` and `/moves` stay staff-only; these answer for one referral,
 * found through the country-scoped referral lookup, so another country's referral id is 404.
 */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals/:id')
export class ReferralFollowUpController {
  constructor(
    private readonly referrals: ReferralsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('fractions')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: "The referred course's fractions: room, status, start in the center's and the ministry's time zone" })
  @ApiOkResponse({ type: ReferralFractionView, isArray: true })
  async fractions(@Param('id', ParseIdPipe) id: string): Promise<ReferralFractionView[]> {
    const referral = await this.referrals.get(id);
    const rows: Array<{ id: string; fraction: number; status: string; room_name: string; start: Date; end: Date }> = await this.dataSource.query(
      `SELECT a.id, a.fraction, a.status, r.name AS room_name, a.start, a."end" FROM appointments a JOIN rooms r ON r.id = a.room_id
        WHERE a.course_id = $1 ORDER BY a.start, a.fraction`,
      [referral.courseId],
    );
    return rows.map((a) => ({
      id: a.id,
      fraction: a.fraction,
      status: a.status,
      roomName: a.room_name,
      start: a.start.toISOString(),
      end: a.end.toISOString(),
      centerLocalStart: localStart(referral.centerTimeZone, a.start)!,
      ministryLocalStart: localStart(referral.ministryTimeZone, a.start)!,
    }));
  }

  @Get('moves')
  @Roles('ADMIN', 'MINISTRY')
  @ApiOperation({ summary: "The referred course's move history (newest first), with room names and reasons" })
  @ApiOkResponse({ type: ReferralMoveView, isArray: true })
  async moves(@Param('id', ParseIdPipe) id: string): Promise<ReferralMoveView[]> {
    const referral = await this.referrals.get(id);
    const rows: Array<{
      at: Date;
      fraction: number;
      from_room: string | null;
      from_start: Date | null;
      to_room: string | null;
      to_start: Date | null;
      reason: string;
    }> = await this.dataSource.query(
      `SELECT m.at, a.fraction, fr.name AS from_room, m.from_start, tr.name AS to_room, m.to_start, m.reason
           FROM appointment_moves m JOIN appointments a ON a.id = m.appointment_id
           LEFT JOIN rooms fr ON fr.id = m.from_room_id LEFT JOIN rooms tr ON tr.id = m.to_room_id
          WHERE a.course_id = $1 ORDER BY m.at DESC, m.id`,
      [referral.courseId],
    );
    return rows.map((m) => ({
      at: m.at.toISOString(),
      fraction: m.fraction,
      fromRoomName: m.from_room,
      fromStart: m.from_start?.toISOString() ?? null,
      fromMinistryLocalStart: localStart(referral.ministryTimeZone, m.from_start),
      toRoomName: m.to_room,
      toStart: m.to_start?.toISOString() ?? null,
      toMinistryLocalStart: localStart(referral.ministryTimeZone, m.to_start),
      reason: m.reason,
    }));
  }
}
