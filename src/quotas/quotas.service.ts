import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { countryScope } from '../common/country-scope';
import { CenterConfigService } from '../center/center-config.service';
import { CenterSettingsRow } from '../center/center-settings.entity';
import { conflict, notFound, unprocessable } from '../common/problem';
import { requireKnownCountry } from '../countries/known-country';
import { CreateQuotaDto } from './dto/create-quota.dto';
import { ListQuotasDto } from './dto/list-quotas.dto';
import { appendLedger } from './quota-ledger';
import { QuotaLedgerEntry } from './quota-ledger-entry.entity';
import { lockGrantYear, lockQuota } from './quota-lock';
import { Quota } from './quota.entity';
import { QuotaView, toQuotaView } from './views/quota.view';
import { ReservationsService } from './reservations.service';
import { requireOpenQuotaYear } from './quota-year';
import { UpdateQuotaDto } from './dto/update-quota.dto';
import { crossBorderCap } from './year-cap';

export interface LedgerReport {
  quota: QuotaView;
  entries: QuotaLedgerEntry[];
  sums: { granted: number; reserved: number; used: number };
  /** Whether the counters equal the ledger sums (they must; the trigger makes it so). */
  consistent: boolean;
}

@Injectable()
export class QuotasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly center: CenterConfigService,
    private readonly reservations: ReservationsService,
  ) {}

  async list(query: ListQuotasDto): Promise<QuotaView[]> {
    const qb = this.dataSource.getRepository(Quota).createQueryBuilder('q').orderBy('q.year', 'DESC').addOrderBy('q.country_code').addOrderBy('q.category');
    const scope = countryScope();
    if (scope) qb.andWhere('q.country_code = :scope', { scope });
    if (query.countryCode) qb.andWhere('q.country_code = :cc', { cc: query.countryCode });
    if (query.year !== undefined) qb.andWhere('q.year = :year', { year: query.year });
    if (query.category) qb.andWhere('q.category = :category', { category: query.category });
    return (await qb.getMany()).map(toQuotaView);
  }

  async get(id: string): Promise<QuotaView> {
    const scope = countryScope();
    const quota = await this.dataSource.getRepository(Quota).findOneBy(scope ? { id, countryCode: scope } : { id });
    if (!quota) throw notFound('Quota', id);
    return toQuotaView(quota);
  }

  /** Grants a new quota: the row starts at zero and the GRANT ledger entry sets `granted`. */
  async create(dto: CreateQuotaDto): Promise<QuotaView> {
    return this.dataSource.transaction(async (m) => {
      const { timeZone } = await this.center.getSettings(m);
      requireOpenQuotaYear(dto.year, timeZone, 'places are granted for the current year or later');
      await this.checkCountryAndCategory(m, dto.countryCode, dto.category);
      await lockGrantYear(m, dto.year);
      await this.checkYearCap(m, dto.year, dto.granted);
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO quotas (country_code, year, category) VALUES ($1, $2, $3)
         ON CONFLICT (country_code, year, category) DO NOTHING RETURNING id`,
        [dto.countryCode, dto.year, dto.category],
      );
      if (rows.length === 0) {
        throw conflict('quota-exists', `${dto.countryCode} already has a ${dto.category} quota for ${dto.year}; change it with PATCH`);
      }
      const id = rows[0].id;
      if (dto.granted > 0) await appendLedger(m, { quotaId: id, kind: 'GRANT', deltaGranted: dto.granted });
      await this.audit.record(m, { action: 'quota.grant', entity: 'quota', entityId: id, details: { ...dto } });
      return toQuotaView(await m.getRepository(Quota).findOneByOrFail({ id }));
    });
  }

  /** Changes `granted`; never below what is held or used, never beyond the year's cross-border cap. */
  async update(id: string, dto: UpdateQuotaDto): Promise<QuotaView> {
    return this.dataSource.transaction(async (m) => {
      // The year is needed for the year lock, which must be taken before the row lock (same order as create).
      const current = await m.getRepository(Quota).findOneBy({ id });
      if (!current) throw notFound('Quota', id);
      requireOpenQuotaYear(current.year, (await this.center.getSettings(m)).timeZone, 'its grant can no longer change');
      await lockGrantYear(m, current.year);
      let quota = await lockQuota(m, id);
      const delta = dto.granted - quota.granted;
      if (delta === 0) return toQuotaView(quota);
      // Holds past expiresAt no longer commit places, whether or not their expiry job has run yet.
      if (dto.granted < quota.reserved + quota.used && (await this.reservations.expireDueHolds(m, id)) > 0) {
        quota = await m.getRepository(Quota).findOneByOrFail({ id });
      }
      if (dto.granted < quota.reserved + quota.used) {
        throw conflict(
          'quota-below-commitments',
          `granted cannot go below reserved + used (${quota.reserved} + ${quota.used} = ${quota.reserved + quota.used})`,
          { reserved: quota.reserved, used: quota.used, requested: dto.granted },
        );
      }
      if (delta > 0) await this.checkYearCap(m, quota.year, delta);
      await appendLedger(m, { quotaId: id, kind: 'GRANT', deltaGranted: delta });
      await this.audit.record(m, { action: 'quota.adjust', entity: 'quota', entityId: id, details: { from: quota.granted, to: dto.granted } });
      return toQuotaView(await m.getRepository(Quota).findOneByOrFail({ id }));
    });
  }

  /**
   * The counters and the entries come from one snapshot (REPEATABLE READ): read one after the other
   * in READ COMMITTED, a hold committed in between made a consistent quota report `consistent: false`.
   */
  async ledger(id: string): Promise<LedgerReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const scope = countryScope();
      const row = await m.getRepository(Quota).findOneBy(scope ? { id, countryCode: scope } : { id });
      if (!row) throw notFound('Quota', id);
      const entries = await m.getRepository(QuotaLedgerEntry).find({ where: { quotaId: id }, order: { id: 'ASC' } });
      return ledgerReport(toQuotaView(row), entries);
    });
  }

  private async checkCountryAndCategory(m: EntityManager, countryCode: string, category: string): Promise<void> {
    const country = await requireKnownCountry(m, countryCode);
    if (!country.partner) throw unprocessable('not-a-partner', `Country ${countryCode} has no cross-border agreement`, { field: 'countryCode' });
    const [cat] = await m.query('SELECT 1 FROM quota_categories WHERE code = $1', [category]);
    if (!cat) throw unprocessable('unknown-category', `Quota category ${category} does not exist`, { field: 'category' });
  }

  /**
   * Caller holds the year lock, so the sum read here cannot change before commit. The settings row
   * is read FOR SHARE: PUT /calendar locks it FOR UPDATE while it checks grants against a lower
   * cap, so a grant and a cap change never both pass on what the other has not committed yet.
   */
  private async checkYearCap(m: EntityManager, year: number, increase: number): Promise<void> {
    const settings = await m.getRepository(CenterSettingsRow).findOneOrFail({ where: { id: 1 }, lock: { mode: 'pessimistic_read' } });
    const cap = crossBorderCap(settings.annualCapacity, settings.crossBorderShare);
    const [{ total }]: Array<{ total: number }> = await m.query('SELECT coalesce(sum(granted), 0)::int AS total FROM quotas WHERE year = $1', [year]);
    if (total + increase > cap) {
      throw conflict('year-cap-exceeded', `Grants for ${year} would total ${total + increase}, above the cross-border cap of ${cap}`, {
        year,
        cap,
        alreadyGranted: total,
        requestedIncrease: increase,
        annualCapacity: settings.annualCapacity,
        crossBorderShare: settings.crossBorderShare,
      });
    }
  }
}

function ledgerReport(quota: QuotaView, entries: QuotaLedgerEntry[]): LedgerReport {
  const sums = entries.reduce((s, e) => ({ granted: s.granted + e.deltaGranted, reserved: s.reserved + e.deltaReserved, used: s.used + e.deltaUsed }), {
    granted: 0,
    reserved: 0,
    used: 0,
  });
  const consistent = sums.granted === quota.granted && sums.reserved === quota.reserved && sums.used === quota.used;
  return { quota, entries, sums, consistent };
}
