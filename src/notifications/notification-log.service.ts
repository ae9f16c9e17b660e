import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { canSeeCountry } from '../common/country-scope';
import { notFound } from '../common/problem';
import { requestContext } from '../common/request-context';
import { PatientService } from '../patients/patient.service';
import { NOTIFICATION_VIEW_SQL, NotificationView } from './views/notification.view';
import type { Channel } from './notification-kinds';

/** The notification log, per patient and per referral; a ministry reads only its own referrals' (others' ids are 404). */
@Injectable()
export class NotificationLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly patients: PatientService,
  ) {}

  async forPatient(patientId: string, page: { limit?: number; offset?: number }): Promise<NotificationView[]> {
    await this.patients.get(patientId); // 404 for a ministry unless it referred the patient
    return this.dataSource.query(`${NOTIFICATION_VIEW_SQL} WHERE n.patient_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`, [
      patientId,
      page.limit ?? 100,
      page.offset ?? 0,
    ]);
  }

  async forReferral(referralId: string, page: { limit?: number; offset?: number }): Promise<NotificationView[]> {
    const [referral]: Array<{ country_code: string }> = await this.dataSource.query(`SELECT country_code FROM referrals WHERE id = $1`, [referralId]);
    if (!referral || !canSeeCountry(referral.country_code, requestContext.actor())) throw notFound('Referral', referralId);
    return this.dataSource.query(`${NOTIFICATION_VIEW_SQL} WHERE n.referral_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`, [
      referralId,
      page.limit ?? 100,
      page.offset ?? 0,
    ]);
  }

  /** For the administrator: notices that gave up (webhooks after 24 h of retries), newest first. */
  failed(query: { channel?: Channel; limit?: number; offset?: number }): Promise<NotificationView[]> {
    return this.dataSource.query(
      `${NOTIFICATION_VIEW_SQL} WHERE n.status = 'FAILED' AND ($1::text IS NULL OR n.channel = $1) ORDER BY n.failed_at DESC, n.id LIMIT $2 OFFSET $3`,
      [query.channel ?? null, query.limit ?? 100, query.offset ?? 0],
    );
  }
}
