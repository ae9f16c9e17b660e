import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/problem';
import { ReadAuditEntryView } from '../views/read-audit-entry.view';

interface Row {
  id: string;
  at: Date;
  user_id: string | null;
  username: string;
  role: string;
  country_code: string | null;
  action: string;
  entity_id: string | null;
  patients_shown: number;
  request_id: string | null;
  total: number;
}

@Injectable()
export class ReadAuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A patient's recorded reads, newest first, and how many there are in all. */
  async forPatient(patientId: string, limit: number, offset: number): Promise<{ items: ReadAuditEntryView[]; total: number }> {
    const [exists] = (await this.dataSource.query(`SELECT 1 FROM patients WHERE id = $1`, [patientId])) as unknown[];
    if (!exists) throw notFound('Patient', patientId);
    const rows = (await this.dataSource.query(
      `SELECT id::text, at, user_id, username, role, country_code, action, entity_id, cardinality(patient_ids) AS patients_shown, request_id,
              count(*) OVER ()::int AS total
         FROM read_audit WHERE patient_ids @> ARRAY[$1::uuid]
        ORDER BY id DESC LIMIT $2 OFFSET $3`,
      [patientId, limit, offset],
    )) as Row[];
    const total = rows[0]?.total ?? (offset > 0 ? await this.count(patientId) : 0);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        userId: r.user_id,
        username: r.username,
        role: r.role,
        countryCode: r.country_code,
        action: r.action,
        entityId: r.entity_id,
        patientsShown: r.patients_shown,
        requestId: r.request_id,
      })),
    };
  }

  private async count(patientId: string): Promise<number> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM read_audit WHERE patient_ids @> ARRAY[$1::uuid]`, [patientId])) as Array<{
      n: number;
    }>;
    return n;
  }
}
