import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { conflict, notFound, unprocessable } from '../common/problem';
import { nationalIdDefect, NationalIdSystem } from './national-id';
import { canSeeCountry, countryScope } from '../common/country-scope';
import { requestContext } from '../common/request-context';
import { requireIsoCountry } from '../countries/known-country';
import { addYears, centerToday, requireDateWithin } from '../common/center-clock';
import { CreatePatientDto } from './dto/create-patient.dto';
import { Patient } from './patient.entity';
import { SearchPatientsDto } from './dto/search-patients.dto';
import { contactColumns, PatientContactDto } from './dto/patient-contact.dto';

/** Older than any person on record (122): a birth date before that is a typo, not a patient. */
export const MAX_AGE_YEARS = 130;

@Injectable()
export class PatientService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly center: CenterConfigService,
  ) {}

  /** Also used by the referral flow (quotas) inside its own transaction, hence the manager. */
  async create(dto: CreatePatientDto, manager?: EntityManager, referralCountryCode: string | null = null): Promise<Patient> {
    const run = async (m: EntityManager) => {
      requireIsoCountry(dto.countryCode);
      const today = centerToday((await this.center.getSettings(m)).timeZone);
      const lifetime = { from: addYears(today, -MAX_AGE_YEARS), to: today };
      requireDateWithin('birthDate', dto.birthDate, lifetime, `a patient is born by today and at most ${MAX_AGE_YEARS} years ago`);
      if (dto.mrn && (await m.getRepository(Patient).existsBy({ mrn: dto.mrn }))) {
        throw conflict('duplicate-mrn', `A patient with MRN ${dto.mrn} already exists`);
      }
      const { guardian: _guardian, nationalId, ...fields } = dto;
      if (nationalId) await requireNewNationalId(m, nationalId.system, nationalId.value);
      const patient = await m.getRepository(Patient).save(
        m.getRepository(Patient).create({
          ...fields,
          ...contactColumns(dto),
          mrn: dto.mrn ?? null,
          referralCountryCode,
          nationalIdSystem: nationalId?.system ?? null,
          nationalIdValue: nationalId?.value ?? null,
        }),
      );
      await this.audit.record(m, { action: 'patient.create', entity: 'patient', entityId: patient.id, details: { countryCode: dto.countryCode } });
      return patient;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Sets or clears contact fields (absent ones stay); a ministry may update only patients it referred. */
  async updateContact(id: string, dto: PatientContactDto): Promise<Patient> {
    return this.dataSource.transaction(async (m) => {
      const patient = await m.getRepository(Patient).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!patient || !canSeeCountry(patient.referralCountryCode, requestContext.actor())) throw notFound('Patient', id);
      const changes = contactColumns(dto);
      Object.assign(patient, changes);
      await m.getRepository(Patient).save(patient);
      // The audit names what changed, not the values (contact details are personal data).
      await this.audit.record(m, { action: 'patient.contact', entity: 'patient', entityId: id, details: { fields: Object.keys(changes) } });
      return patient;
    });
  }

  /** A ministry sees only patients it referred; others' ids answer 404, never 403. */
  async get(id: string, actor = requestContext.actor()): Promise<Patient> {
    const patient = await this.dataSource.getRepository(Patient).findOneBy({ id });
    if (!patient || !canSeeCountry(patient.referralCountryCode, actor)) throw notFound('Patient', id);
    return patient;
  }

  search(query: SearchPatientsDto, actor = requestContext.actor()): Promise<Patient[]> {
    const qb = this.dataSource
      .getRepository(Patient)
      .createQueryBuilder('p')
      .orderBy('p.last_name')
      .addOrderBy('p.first_name')
      .limit(query.limit ?? 50);
    if (query.search) {
      const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
      qb.where('(lower(p.first_name) LIKE :like OR lower(p.last_name) LIKE :like OR p.mrn = :exact)', { like, exact: query.search });
    }
    const country = countryScope(actor);
    if (country) qb.andWhere('p.referral_country_code = :cc', { cc: country });
    return qb.getMany();
  }
}

/**
 * 422 for a number that cannot be one (wrong length, IIN check digit), 409 for one already on record. The
 * 409 tells a ministry that the number is known here; it is that ministry's own citizen's number, which
 * it already holds, and registering the same person twice would split the record.
 */
async function requireNewNationalId(m: EntityManager, system: NationalIdSystem, value: string): Promise<void> {
  const defect = nationalIdDefect(system, value);
  if (defect) throw unprocessable('invalid-national-id', `${system} ${value}: ${defect}`, { field: 'nationalId.value' });
  if (await m.getRepository(Patient).existsBy({ nationalIdSystem: system, nationalIdValue: value })) {
    throw conflict('duplicate-national-id', `A patient with ${system} ${value} already exists`, { field: 'nationalId.value' });
  }
}
