import type { Appointment, CarePlan, DocumentReference, Identifier, Location, Patient, Schedule, ServiceRequest, Slot } from 'fhir/r4';
import type { Room } from '../rooms/room.entity';
import { localInstant } from '../common/local-time';
import { NATIONAL_ID_URIS } from '../patients/national-id';
import type { RoomKind } from '../scheduling';
import type { AppointmentRow, CarePlanRow, DocumentRow, PatientRow, ReferralRow } from './fhir.repository';
import {
  APPOINTMENT_STATUS,
  CARE_PLAN_STATUS,
  CODE_SYSTEMS,
  DIAGNOSIS_GROUP_DISPLAY,
  EXTENSIONS,
  PROTON_COURSE,
  ROOM_KIND_CODES,
  URGENCY_TO_PRIORITY,
} from './terminology';

/**
 * Our rows as FHIR R4 resources (types from @types/fhir). Instants are written in the center's zone
 * with its offset, as the JSON API writes them; the tests validate every resource with an
 * independent R4 validator.
 */

const patientRef = (id: string) => ({ reference: `Patient/${id}` });

function diagnosisConcept(group: keyof typeof DIAGNOSIS_GROUP_DISPLAY) {
  return { coding: [{ system: CODE_SYSTEMS.diagnosisGroup, code: group, display: DIAGNOSIS_GROUP_DISPLAY[group] }] };
}

export function roomKindConcept(kind: RoomKind) {
  return { coding: [{ system: CODE_SYSTEMS.roomKind, ...ROOM_KIND_CODES[kind] }] };
}

export function toPatient(row: PatientRow): Patient {
  const identifier: Identifier[] = [];
  if (row.national_id_system && row.national_id_value) {
    identifier.push({ use: 'official', system: NATIONAL_ID_URIS[row.national_id_system], value: row.national_id_value });
  }
  if (row.mrn) identifier.push({ use: 'usual', system: CODE_SYSTEMS.mrn, value: row.mrn });
  return {
    resourceType: 'Patient',
    id: row.id,
    ...(identifier.length ? { identifier } : {}),
    name: [{ use: 'official', family: row.last_name, given: [row.first_name] }],
    gender: row.sex,
    birthDate: row.birth_date,
    address: [{ country: row.country_code }],
  };
}

export function toServiceRequest(row: ReferralRow, timeZone: string): ServiceRequest {
  const roomKinds = row.room_kinds ? (row.room_kinds.split(',') as RoomKind[]) : [];
  return {
    resourceType: 'ServiceRequest',
    id: row.id,
    extension: [
      { url: EXTENSIONS.quota, valueString: row.quota_id },
      { url: EXTENSIONS.reservation, valueString: row.reservation_id },
      { url: EXTENSIONS.requiresAnesthesia, valueBoolean: row.requires_anesthesia },
      { url: EXTENSIONS.dueStart, valueDate: row.due_start },
    ],
    status: row.fhir_status,
    intent: 'order',
    priority: URGENCY_TO_PRIORITY[row.urgency],
    code: { coding: [PROTON_COURSE] },
    quantityQuantity: { value: row.fractions, unit: 'fractions' },
    subject: patientRef(row.patient_id),
    occurrenceTiming: {
      repeat: {
        boundsPeriod: { start: row.earliest_start },
        count: row.fractions,
        frequency: row.fractions_per_week,
        period: 1,
        periodUnit: 'wk',
        duration: row.fraction_minutes,
        durationUnit: 'min',
      },
    },
    authoredOn: localInstant(timeZone, row.created_at),
    requester: { display: `Ministry of Health, ${row.country_code}` },
    ...(roomKinds.length ? { locationCode: roomKinds.map(roomKindConcept) } : {}),
    reasonCode: [diagnosisConcept(row.diagnosis_group)],
  };
}

export function toCarePlan(row: CarePlanRow, timeZone: string): CarePlan {
  const period =
    row.period_start && row.period_end ? { period: { start: localInstant(timeZone, row.period_start), end: localInstant(timeZone, row.period_end) } } : {};
  return {
    resourceType: 'CarePlan',
    id: row.id,
    ...(row.referral_id ? { basedOn: [{ reference: `ServiceRequest/${row.referral_id}` }] } : {}),
    status: CARE_PLAN_STATUS[row.status],
    intent: 'plan',
    category: [diagnosisConcept(row.diagnosis_group)],
    title: `Proton therapy, ${row.fractions} fractions`,
    subject: patientRef(row.patient_id),
    ...period,
    created: localInstant(timeZone, row.created_at),
    ...(row.appointments.length
      ? {
          activity: row.appointments.map((a) => ({
            reference: { reference: `Appointment/${a.id}`, display: `Fraction ${a.fraction}: ${APPOINTMENT_STATUS[a.status]}` },
          })),
        }
      : {}),
  };
}

export function toAppointment(row: AppointmentRow, timeZone: string): Appointment {
  return {
    resourceType: 'Appointment',
    id: row.id,
    status: APPOINTMENT_STATUS[row.status],
    serviceType: [{ coding: [PROTON_COURSE] }],
    description: `Fraction ${row.fraction} of ${row.fractions_total}`,
    supportingInformation: [{ reference: `CarePlan/${row.course_id}` }],
    start: localInstant(timeZone, row.start),
    end: localInstant(timeZone, row.end),
    minutesDuration: Math.round((row.end.getTime() - row.start.getTime()) / 60_000),
    ...(row.referral_id ? { basedOn: [{ reference: `ServiceRequest/${row.referral_id}` }] } : {}),
    participant: [
      { actor: patientRef(row.patient_id), status: 'accepted' },
      { actor: { reference: `Location/${row.room_id}`, display: row.room_name }, status: 'accepted' },
    ],
  };
}

export function toLocation(room: Pick<Room, 'id' | 'name' | 'kind' | 'active'>): Location {
  return {
    resourceType: 'Location',
    id: room.id,
    status: room.active ? 'active' : 'inactive',
    name: room.name,
    mode: 'instance',
    type: [roomKindConcept(room.kind)],
    physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'ro', display: 'Room' }] },
  };
}

/** One Schedule per room kind: a booking portal asks for capacity by kind, not by room. */
export function toSchedule(kind: RoomKind, rooms: Array<Pick<Room, 'id' | 'name'>>, horizon: { start: string; end: string }): Schedule {
  return {
    resourceType: 'Schedule',
    id: ROOM_KIND_CODES[kind].code,
    active: true,
    serviceType: [roomKindConcept(kind)],
    actor: rooms.map((r) => ({ reference: `Location/${r.id}`, display: r.name })),
    planningHorizon: horizon,
    comment: `Free places of the ${ROOM_KIND_CODES[kind].display.toLowerCase()}s`,
  };
}

export function toSlot(kind: RoomKind, roomId: string, start: string, end: string, startMin: number): Slot {
  return {
    resourceType: 'Slot',
    id: `${ROOM_KIND_CODES[kind].code}.${roomId}.${startMin}`,
    schedule: { reference: `Schedule/${ROOM_KIND_CODES[kind].code}` },
    serviceType: [roomKindConcept(kind)],
    status: 'free',
    start,
    end,
  };
}

export function toDocumentReference(row: DocumentRow, timeZone: string): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: row.id,
    status: 'current',
    subject: patientRef(row.patient_id),
    date: localInstant(timeZone, row.created_at),
    content: [
      {
        attachment: {
          contentType: row.content_type,
          size: row.size,
          ...(row.title ? { title: row.title } : {}),
          ...(row.data ? { data: row.data.toString('base64') } : {}),
        },
      },
    ],
    context: { related: [{ reference: `ServiceRequest/${row.referral_id}` }] },
  };
}
