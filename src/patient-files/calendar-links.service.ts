import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { PatientService } from '../patients/patient.service';
import { CalendarLink } from './calendar-link.entity';
import { CALENDAR_TOKEN_PATTERN, calendarTokenHash, newCalendarToken } from './calendar-link-token';
import { CalendarLinkStatusView } from './views/calendar-link.view';

/** A patient's secret subscription link: issued (replacing the live one), revoked, or looked up by token. */
@Injectable()
export class CalendarLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly patients: PatientService,
    private readonly audit: AuditService,
  ) {}

  async status(patientId: string): Promise<CalendarLinkStatusView> {
    await this.patients.get(patientId);
    return statusOf(await this.live(this.dataSource.manager, patientId));
  }

  /** A new token for the patient; the live link, if any, stops working in the same transaction. */
  async issue(patientId: string): Promise<{ token: string; status: CalendarLinkStatusView }> {
    await this.patients.get(patientId);
    const token = newCalendarToken();
    const link = await this.dataSource.transaction(async (m) => {
      // Serialises two issues for one patient; the partial unique index would refuse the second anyway.
      await m.query(`SELECT id FROM patients WHERE id = $1 FOR UPDATE`, [patientId]);
      const revoked = await this.revokeLive(m, patientId);
      const repo = m.getRepository(CalendarLink);
      const saved = await repo.save(
        repo.create({ patientId, tokenHash: calendarTokenHash(token), issuedBy: (requestContext.actor() ?? SYSTEM_ACTOR).username, revokedAt: null }),
      );
      await this.audit.record(m, { action: 'calendar-link.issue', entity: 'patient', entityId: patientId, details: { linkId: saved.id, replaced: revoked } });
      return saved;
    });
    return { token, status: statusOf(link) };
  }

  /** Revokes the live link; its URL answers 404 from now on. Revoking when none is live is a no-op. */
  async revoke(patientId: string): Promise<CalendarLinkStatusView> {
    await this.patients.get(patientId);
    await this.dataSource.transaction(async (m) => {
      const revoked = await this.revokeLive(m, patientId);
      if (revoked) await this.audit.record(m, { action: 'calendar-link.revoke', entity: 'patient', entityId: patientId, details: { linkId: revoked } });
    });
    return statusOf(null);
  }

  /** The patient a live token belongs to; an unknown, malformed or revoked token is 404, saying nothing more. */
  async patientOf(token: string): Promise<string> {
    const link = CALENDAR_TOKEN_PATTERN.test(token)
      ? await this.dataSource.getRepository(CalendarLink).findOneBy({ tokenHash: calendarTokenHash(token), revokedAt: IsNull() })
      : null;
    if (!link) throw notFound('Calendar', 'link');
    return link.patientId;
  }

  private live(m: EntityManager, patientId: string): Promise<CalendarLink | null> {
    return m.getRepository(CalendarLink).findOneBy({ patientId, revokedAt: IsNull() });
  }

  private async revokeLive(m: EntityManager, patientId: string): Promise<string | null> {
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE calendar_links SET revoked_at = now() WHERE patient_id = $1 AND revoked_at IS NULL RETURNING id`,
      [patientId],
    );
    return rows[0]?.id ?? null;
  }
}

function statusOf(link: CalendarLink | null): CalendarLinkStatusView {
  return { active: link !== null, issuedAt: link?.issuedAt.toISOString() ?? null, issuedBy: link?.issuedBy ?? null };
}
