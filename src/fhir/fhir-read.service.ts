import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Bundle, FhirResource } from 'fhir/r4';
import { CenterConfigService } from '../center/center-config.service';
import { badRequest, notFound } from '../common/problem';
import { systemOfUri } from '../patients/national-id';
import { RoomRepository } from '../rooms/room.repository';
import type {
  AppointmentSearchDto,
  CarePlanSearchDto,
  DocumentReferenceSearchDto,
  FhirSearchDto,
  PatientSearchDto,
  ServiceRequestSearchDto,
} from './dto/search.dto';
import { FhirRepository, Found } from './fhir.repository';
import { dayBounds, instantBounds, pageOf, referenceId, searchBundle } from './fhir-search';
import { toAppointment, toCarePlan, toDocumentReference, toLocation, toPatient, toServiceRequest } from './resources';
import { APPOINTMENT_STATUS, CARE_PLAN_STATUS, CODE_SYSTEMS, valuesFor } from './terminology';

const SERVICE_REQUEST_STATUSES = ['active', 'completed', 'revoked'];

/** A FHIR status search value as our statuses; an unknown code is a 400, not an empty page. */
function statusesFor<K extends string, V extends string>(table: Record<K, V>, code: string | undefined): K[] | undefined {
  if (code === undefined) return undefined;
  const values = valuesFor(table, code as V);
  if (!values.length)
    throw badRequest('invalid-search-parameter', `status=${code}: one of ${[...new Set(Object.values<V>(table))].join(', ')}`, { field: 'status' });
  return values;
}

/** FHIR reads and searches: the repository's scoped rows through the mappers. */
@Injectable()
export class FhirReadService {
  constructor(
    private readonly repo: FhirRepository,
    private readonly center: CenterConfigService,
    private readonly rooms: RoomRepository,
  ) {}

  private async zone(): Promise<string> {
    return (await this.center.getSettings()).timeZone;
  }

  private async one<T, R>(type: string, id: string, find: (id: string) => Promise<Found<T>>, map: (row: T) => R): Promise<R> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(type, id);
    const { rows } = await find(id.toLowerCase());
    if (!rows[0]) throw notFound(type, id);
    return map(rows[0]);
  }

  async patient(id: string) {
    return this.one('Patient', id, (x) => this.repo.patients({ id: x }, null), toPatient);
  }

  async searchPatients(req: Request, q: PatientSearchDto): Promise<Bundle> {
    let system: ReturnType<typeof systemOfUri> | 'MRN' | undefined;
    let value: string | undefined;
    if (q.identifier !== undefined) {
      const bar = q.identifier.indexOf('|');
      value = bar < 0 ? q.identifier : q.identifier.slice(bar + 1);
      if (bar >= 0) {
        const uri = q.identifier.slice(0, bar);
        system = uri === CODE_SYSTEMS.mrn ? 'MRN' : systemOfUri(uri);
        if (!system) throw badRequest('invalid-search-parameter', `identifier: unknown system ${uri}`, { field: 'identifier' });
      }
    }
    const page = pageOf(q);
    const found = await this.repo.patients({ system, value, family: q.family, birthdate: dayBounds('birthdate', q.birthdate) }, page);
    return searchBundle(req, found.rows.map(toPatient), found.total, page);
  }

  async serviceRequest(id: string) {
    const zone = await this.zone();
    return this.one(
      'ServiceRequest',
      id,
      (x) => this.repo.referrals({ id: x }, null),
      (r) => toServiceRequest(r, zone),
    );
  }

  async searchServiceRequests(req: Request, q: ServiceRequestSearchDto): Promise<Bundle> {
    const zone = await this.zone();
    if (q.status !== undefined && !SERVICE_REQUEST_STATUSES.includes(q.status)) {
      throw badRequest('invalid-search-parameter', `status=${q.status}: one of ${SERVICE_REQUEST_STATUSES.join(', ')}`, { field: 'status' });
    }
    const page = pageOf(q);
    const found = await this.repo.referrals(
      { patientId: referenceId('patient', q.patient, 'Patient'), status: q.status, authored: instantBounds('authored', q.authored, zone) },
      page,
    );
    return searchBundle(
      req,
      found.rows.map((r) => toServiceRequest(r, zone)),
      found.total,
      page,
    );
  }

  async carePlan(id: string) {
    const zone = await this.zone();
    return this.one(
      'CarePlan',
      id,
      (x) => this.repo.carePlans({ id: x }, null),
      (r) => toCarePlan(r, zone),
    );
  }

  async searchCarePlans(req: Request, q: CarePlanSearchDto): Promise<Bundle> {
    const zone = await this.zone();
    const page = pageOf(q);
    const found = await this.repo.carePlans(
      { patientId: referenceId('patient', q.patient, 'Patient'), statuses: statusesFor(CARE_PLAN_STATUS, q.status), date: instantBounds('date', q.date, zone) },
      page,
    );
    return searchBundle(
      req,
      found.rows.map((r) => toCarePlan(r, zone)),
      found.total,
      page,
    );
  }

  async appointment(id: string) {
    const zone = await this.zone();
    return this.one(
      'Appointment',
      id,
      (x) => this.repo.appointments({ id: x }, null),
      (r) => toAppointment(r, zone),
    );
  }

  async searchAppointments(req: Request, q: AppointmentSearchDto): Promise<Bundle> {
    const zone = await this.zone();
    const page = pageOf(q);
    const found = await this.repo.appointments(
      {
        patientId: referenceId('patient', q.patient, 'Patient'),
        statuses: statusesFor(APPOINTMENT_STATUS, q.status),
        date: instantBounds('date', q.date, zone),
      },
      page,
    );
    return searchBundle(
      req,
      found.rows.map((r) => toAppointment(r, zone)),
      found.total,
      page,
    );
  }

  async documentReference(id: string) {
    const zone = await this.zone();
    return this.one(
      'DocumentReference',
      id,
      (x) => this.repo.documents({ id: x }, null, true),
      (r) => toDocumentReference(r, zone),
    );
  }

  /** Without the data (a search lists documents; each read carries its attachment). */
  async searchDocumentReferences(req: Request, q: DocumentReferenceSearchDto): Promise<Bundle> {
    const zone = await this.zone();
    const page = pageOf(q);
    const found = await this.repo.documents({ referralId: referenceId('related', q.related, 'ServiceRequest') }, page, false);
    return searchBundle(
      req,
      found.rows.map((r) => toDocumentReference(r, zone)),
      found.total,
      page,
    );
  }

  async location(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Location', id);
    const room = await this.rooms.findById(id.toLowerCase());
    if (!room) throw notFound('Location', id);
    return toLocation(room);
  }

  async searchLocations(req: Request, q: FhirSearchDto): Promise<Bundle> {
    const page = pageOf(q);
    const all = (await this.rooms.list({})).map(toLocation);
    return searchBundle<FhirResource>(req, all.slice(page.offset, page.offset + page.count), all.length, page);
  }
}
