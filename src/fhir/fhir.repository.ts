import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { countryScope } from '../common/country-scope';
import type { AppointmentStatus } from '../appointments/appointment.entity';
import type { CourseStatus, DiagnosisGroup } from '../courses/course.entity';
import type { Sex } from '../patients/patient.entity';
import type { NationalIdSystem } from '../patients/national-id';
import type { RoomKind, Urgency } from '../scheduling';
import type { Bounds, Page } from './fhir-search';

/** One WHERE clause built with numbered parameters; every filter is optional. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: (p: (value: unknown) => string) => string): this {
    this.parts.push(sql((value) => `$${this.params.push(value)}`));
    return this;
  }
  when<T>(value: T | null | undefined, sql: (p: string) => string): this {
    if (value !== null && value !== undefined) this.add((p) => sql(p(value)));
    return this;
  }
  bounds<T>(b: Bounds<T> | undefined, column: string, cast: string): this {
    return this.when(b?.lower, (p) => `${column} >= ${p}::${cast}`).when(b?.upper, (p) => `${column} < ${p}::${cast}`);
  }
  sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export interface PatientRow {
  id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  sex: Sex;
  country_code: string;
  mrn: string | null;
  national_id_system: NationalIdSystem | null;
  national_id_value: string | null;
}

export interface ReferralRow {
  id: string;
  fhir_status: 'active' | 'completed' | 'revoked';
  country_code: string;
  quota_id: string;
  reservation_id: string;
  patient_id: string;
  course_id: string;
  created_at: Date;
  course_status: CourseStatus;
  diagnosis_group: DiagnosisGroup;
  urgency: Urgency;
  fractions: number;
  fractions_per_week: number;
  fraction_minutes: number;
  requires_anesthesia: boolean;
  room_kinds: string;
  earliest_start: string;
  due_start: string;
}

export interface CarePlanRow {
  id: string;
  patient_id: string;
  referral_id: string | null;
  status: CourseStatus;
  diagnosis_group: DiagnosisGroup;
  fractions: number;
  created_at: Date;
  period_start: Date | null;
  period_end: Date | null;
  appointments: Array<{ id: string; fraction: number; status: AppointmentStatus }>;
}

export interface AppointmentRow {
  id: string;
  course_id: string;
  fraction: number;
  fractions_total: number;
  referral_id: string | null;
  patient_id: string;
  room_id: string;
  room_name: string;
  room_kind: RoomKind;
  start: Date;
  end: Date;
  status: AppointmentStatus;
}

export interface DocumentRow {
  id: string;
  referral_id: string;
  patient_id: string;
  content_type: string;
  title: string | null;
  data?: Buffer;
  size: number;
  created_at: Date;
}

export interface Found<T> {
  rows: T[];
  total: number;
}

/**
 * ServiceRequest.status of a referral (request-status), read and searched by the same expression:
 * withdrawn (place returned) or cancelled → revoked, treated to the end → completed, else active.
 */
const SERVICE_REQUEST_STATUS = `(CASE WHEN r.status = 'RETURNED' OR c.status = 'CANCELLED' THEN 'revoked' WHEN c.status = 'COMPLETED' THEN 'completed' ELSE 'active' END)`;

const PATIENT_FROM = `FROM patients p`;
const REFERRAL_FROM = `FROM referrals r JOIN courses c ON c.id = r.course_id`;
const CARE_PLAN_FROM = `FROM courses c
  LEFT JOIN LATERAL (SELECT min(a.start) AS period_start, max(a."end") AS period_end
                       FROM appointments a WHERE a.course_id = c.id AND a.status <> 'CANCELLED') span ON true`;
const APPOINTMENT_FROM = `FROM appointments a JOIN courses c ON c.id = a.course_id JOIN rooms rm ON rm.id = a.room_id`;
const DOCUMENT_FROM = `FROM referral_documents d JOIN referrals r ON r.id = d.referral_id`;

/**
 * The FHIR searches' queries. Each takes the caller's country scope (a ministry: the rows of the
 * patients it referred), so other countries' rows are never loaded and their ids answer 404.
 */
@Injectable()
export class FhirRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async page<T>(select: string, from: string, where: Where, order: string, page: Page | null, m?: EntityManager): Promise<Found<T>> {
    const q = (m ?? this.dataSource.manager).query.bind(m ?? this.dataSource.manager);
    const [{ total }] = (await q(`SELECT count(*)::int AS total ${from} ${where.sql()}`, where.params)) as Array<{ total: number }>;
    if (page && page.count === 0) return { rows: [], total };
    const limit = page ? `LIMIT ${page.count} OFFSET ${page.offset}` : '';
    const rows = (await q(`SELECT ${select} ${from} ${where.sql()} ORDER BY ${order} ${limit}`, where.params)) as T[];
    return { rows, total };
  }

  patients(filter: { id?: string; system?: NationalIdSystem | 'MRN'; value?: string; family?: string; birthdate?: Bounds<string> }, page: Page | null) {
    const where = new Where()
      .when(countryScope(), (p) => `p.referral_country_code = ${p}`)
      .when(filter.id, (p) => `p.id = ${p}::uuid`)
      .when(filter.family && `${filter.family.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`, (p) => `lower(p.last_name) LIKE ${p}`)
      .bounds(filter.birthdate, 'p.birth_date', 'date');
    if (filter.value !== undefined) {
      if (filter.system === 'MRN') where.when(filter.value, (p) => `p.mrn = ${p}`);
      else if (filter.system) where.when(filter.system, (p) => `p.national_id_system = ${p}`).when(filter.value, (p) => `p.national_id_value = ${p}`);
      else where.when(filter.value, (p) => `(p.national_id_value = ${p} OR p.mrn = ${p})`);
    }
    return this.page<PatientRow>(
      'p.id, p.first_name, p.last_name, p.birth_date::text AS birth_date, p.sex, p.country_code, p.mrn, p.national_id_system, p.national_id_value',
      PATIENT_FROM,
      where,
      'p.last_name, p.first_name, p.id',
      page,
    );
  }

  referrals(filter: { id?: string; patientId?: string | null; status?: string; authored?: Bounds<Date> }, page: Page | null) {
    const where = new Where()
      .when(countryScope(), (p) => `r.country_code = ${p}`)
      .when(filter.id, (p) => `r.id = ${p}::uuid`)
      .when(filter.patientId, (p) => `r.patient_id = ${p}::uuid`)
      .bounds(filter.authored, 'r.created_at', 'timestamptz')
      .when(filter.status, (p) => `${SERVICE_REQUEST_STATUS} = ${p}`);
    return this.page<ReferralRow>(
      `r.id, ${SERVICE_REQUEST_STATUS} AS fhir_status, r.country_code, r.quota_id, r.reservation_id, r.patient_id, r.course_id, r.created_at, c.status AS course_status,
       c.diagnosis_group, c.urgency, c.fractions, c.fractions_per_week, c.fraction_minutes, c.requires_anesthesia, array_to_string(c.room_kinds, ',') AS room_kinds,
       c.earliest_start::text AS earliest_start, c.due_start::text AS due_start`,
      REFERRAL_FROM,
      where,
      'r.created_at DESC, r.id',
      page,
    );
  }

  carePlans(filter: { id?: string; patientId?: string | null; statuses?: CourseStatus[]; date?: Bounds<Date> }, page: Page | null) {
    const where = new Where()
      .when(countryScope(), (p) => `c.referral_country_code = ${p}`)
      .when(filter.id, (p) => `c.id = ${p}::uuid`)
      .when(filter.patientId, (p) => `c.patient_id = ${p}::uuid`)
      .when(filter.statuses, (p) => `c.status = ANY(${p}::text[])`)
      // A plan matches a date range its fractions' period overlaps.
      .when(filter.date?.lower, (p) => `span.period_end > ${p}::timestamptz`)
      .when(filter.date?.upper, (p) => `span.period_start < ${p}::timestamptz`);
    return this.page<CarePlanRow>(
      `c.id, c.patient_id, c.referral_id, c.status, c.diagnosis_group, c.fractions, c.created_at, span.period_start, span.period_end,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'fraction', a.fraction, 'status', a.status) ORDER BY a.start, a.id), '[]'::json)
          FROM appointments a WHERE a.course_id = c.id) AS appointments`,
      CARE_PLAN_FROM,
      where,
      'c.created_at DESC, c.id',
      page,
    );
  }

  appointments(filter: { id?: string; patientId?: string | null; statuses?: AppointmentStatus[]; date?: Bounds<Date> }, page: Page | null) {
    const where = new Where()
      .when(countryScope(), (p) => `c.referral_country_code = ${p}`)
      .when(filter.id, (p) => `a.id = ${p}::uuid`)
      .when(filter.patientId, (p) => `c.patient_id = ${p}::uuid`)
      .when(filter.statuses, (p) => `a.status = ANY(${p}::text[])`)
      .bounds(filter.date, 'a.start', 'timestamptz');
    return this.page<AppointmentRow>(
      `a.id, a.course_id, a.fraction, c.fractions AS fractions_total, c.referral_id, c.patient_id, a.room_id, rm.name AS room_name, rm.kind AS room_kind,
       a.start, a."end", a.status`,
      APPOINTMENT_FROM,
      where,
      'a.start, a.id',
      page,
    );
  }

  documents(filter: { id?: string; referralId?: string | null }, page: Page | null, withData: boolean) {
    const where = new Where()
      .when(countryScope(), (p) => `d.country_code = ${p}`)
      .when(filter.id, (p) => `d.id = ${p}::uuid`)
      .when(filter.referralId, (p) => `d.referral_id = ${p}::uuid`);
    return this.page<DocumentRow>(
      `d.id, d.referral_id, r.patient_id, d.content_type, d.title, octet_length(d.data) AS size, d.created_at${withData ? ', d.data' : ''}`,
      DOCUMENT_FROM,
      where,
      'd.created_at, d.id',
      page,
    );
  }

  /** BOOKED fractions overlapping [from, to), for the free slots. */
  booked(from: Date, to: Date): Promise<Array<{ room_id: string; start: Date; end: Date }>> {
    return this.dataSource.query(
      `SELECT room_id, start, "end" FROM appointments WHERE status = 'BOOKED' AND start < $2 AND "end" > $1 ORDER BY room_id, start`,
      [from, to],
    );
  }
}
