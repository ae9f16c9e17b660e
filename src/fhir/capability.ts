import { getMetadataStorage } from 'class-validator';
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import {
  AppointmentSearchDto,
  CarePlanSearchDto,
  DocumentReferenceSearchDto,
  FhirSearchDto,
  NoSearchDto,
  PatientSearchDto,
  ServiceRequestSearchDto,
  SlotSearchDto,
} from './dto/search.dto';

type Interaction = 'read' | 'search-type' | 'create';
type ParamType = 'token' | 'string' | 'date' | 'reference';

/** Every search parameter a DTO declares, with its FHIR type. A DTO field missing here fails at start-up. */
const PARAM_TYPES: Record<string, ParamType> = {
  identifier: 'token',
  family: 'string',
  birthdate: 'date',
  patient: 'reference',
  status: 'token',
  authored: 'date',
  date: 'date',
  related: 'reference',
  schedule: 'reference',
  start: 'date',
};

/**
 * What the FHIR door serves: the controllers take these DTOs as their query, so the statement's
 * search parameters are the ones a search accepts (any other is a 400), by construction.
 */
export const FHIR_RESOURCES: Array<{ type: string; interactions: Interaction[]; search: new () => FhirSearchDto; doc: string }> = [
  { type: 'Patient', interactions: ['read', 'search-type'], search: PatientSearchDto, doc: 'Patients referred by the caller (a ministry) or all (the center)' },
  {
    type: 'ServiceRequest',
    interactions: ['create', 'read', 'search-type'],
    search: ServiceRequestSearchDto,
    doc: 'A referral: create takes the Patient contained (or use a transaction Bundle), uses a quota place and submits the course',
  },
  { type: 'CarePlan', interactions: ['read', 'search-type'], search: CarePlanSearchDto, doc: 'A course; activity references each fraction' },
  { type: 'Appointment', interactions: ['read', 'search-type'], search: AppointmentSearchDto, doc: 'A fraction' },
  { type: 'Location', interactions: ['read', 'search-type'], search: NoSearchDto, doc: 'A treatment room' },
  { type: 'Schedule', interactions: ['read', 'search-type'], search: NoSearchDto, doc: 'One per room kind' },
  { type: 'Slot', interactions: ['search-type'], search: SlotSearchDto, doc: "Free places of a room kind's rooms" },
  {
    type: 'DocumentReference',
    interactions: ['create', 'read', 'search-type'],
    search: DocumentReferenceSearchDto,
    doc: 'A referral document (PDF, PNG or JPEG, at most 1 MiB), readable by the center and the referring ministry',
  },
];

const COMMON = new Set(['_count', '_offset', '_summary']);

export function searchParamsOf(dto: new () => FhirSearchDto): string[] {
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  );
  return [...names].filter((n) => !COMMON.has(n)).sort();
}

function resource(entry: (typeof FHIR_RESOURCES)[number]): CapabilityStatementRestResource {
  return {
    type: entry.type,
    documentation: entry.doc,
    interaction: entry.interactions.map((code) => ({ code })),
    searchParam: searchParamsOf(entry.search).map((name) => {
      const type = PARAM_TYPES[name];
      if (!type) throw new Error(`FHIR search parameter ${name} has no type in PARAM_TYPES`);
      return { name, type };
    }),
  };
}

export function capabilityStatement(date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'Beamtime' },
    implementation: { description: 'Beamtime FHIR R4 interface: referrals in, schedules out' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Bearer JWT as for the JSON API; a ministry sees its own country only. Unknown search parameters are refused (400), as under Prefer: handling=strict. Paging: _count (at most 1000) and the next link; _summary=count.',
        security: { cors: true, description: 'Authorization: Bearer <token from POST /api/v1/auth/login>' },
        resource: FHIR_RESOURCES.map(resource),
        interaction: [{ code: 'transaction', documentation: 'A Patient, a ServiceRequest about it and its DocumentReferences, all or nothing' }],
      },
    ],
  };
}
