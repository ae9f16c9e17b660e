import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { SYSTEM_ACTOR } from '../common/request-context';
import { demoCenter } from '../scheduling';

const DEMO_ROOMS = ['G1', 'G2', 'G3'];

export interface DemoCenterResult {
  roomsCreated: string[];
  settingsCreated: boolean;
}

/**
 * The SPEC §3 demo center: gantries G1–G3 on one beam, Mon–Fri 07:00–23:00, QA 30, one anesthesia
 * team 08:00–13:00, KZ holidays. Idempotent: only what is missing is created, so an administrator's
 * later changes to an existing center are never overwritten by a re-seed.
 */
@Injectable()
export class CenterSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  ensureDemoCenter(): Promise<DemoCenterResult> {
    const demo = demoCenter(this.config.centerTimeZone);
    return this.dataSource.transaction(async (m) => {
      const settings = (await m.query(
        `INSERT INTO center_settings (id, time_zone, hours, qa_minutes, anesthesia_windows, anesthesia_teams, shared_beam, holidays)
         VALUES (1, $1, $2, $3, $4, $5, $6, 'KZ') ON CONFLICT (id) DO NOTHING RETURNING id`,
        [demo.timeZone, JSON.stringify(demo.hours), demo.qaMinutes, JSON.stringify(demo.anesthesia.windows), demo.anesthesia.teams, demo.sharedBeam],
      )) as unknown[];
      if (settings.length > 0) {
        await this.audit.record(m, { action: 'calendar.create', entity: 'center_settings', entityId: '1', actor: SYSTEM_ACTOR });
      }
      const roomsCreated: string[] = [];
      for (const name of DEMO_ROOMS) {
        const created = (await m.query(
          `INSERT INTO rooms (name, kind, active) VALUES ($1, 'GANTRY', true) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`,
          [name],
        )) as Array<{ id: string }>;
        if (created.length === 0) continue;
        roomsCreated.push(name);
        await this.audit.record(m, { action: 'room.create', entity: 'room', entityId: created[0].id, details: { name, kind: 'GANTRY' }, actor: SYSTEM_ACTOR });
      }
      return { roomsCreated, settingsCreated: settings.length > 0 };
    });
  }
}
