import type { AppointmentStatus } from '../appointments/appointment.entity';
import type { CourseStatus, DiagnosisGroup } from '../courses/course.entity';
import type { RoomKind, Urgency } from '../scheduling';

/**
 * The one table between Beamtime's words and FHIR codes (docs/fhir.md shows it). Where FHIR has a
 * value set (request priority, appointment and care plan status) we use it; diagnosis groups and room
 * kinds are Beamtime's own and travel under Beamtime's code systems, with ICD-10 chapters as display hints.
 */
export const CODE_SYSTEMS = {
  diagnosisGroup: 'https://beamtime.example/fhir/CodeSystem/diagnosis-group',
  roomKind: 'https://beamtime.example/fhir/CodeSystem/room-kind',
  service: 'https://beamtime.example/fhir/CodeSystem/service',
  mrn: 'https://beamtime.example/fhir/NamingSystem/mrn',
} as const;

/** Extensions for what ServiceRequest has no element for. */
export const EXTENSIONS = {
  quota: 'https://beamtime.example/fhir/StructureDefinition/quota',
  reservation: 'https://beamtime.example/fhir/StructureDefinition/reservation',
  requiresAnesthesia: 'https://beamtime.example/fhir/StructureDefinition/requires-anesthesia',
  dueStart: 'https://beamtime.example/fhir/StructureDefinition/due-start',
} as const;

/** ServiceRequest.code of every referral. */
export const PROTON_COURSE = { system: CODE_SYSTEMS.service, code: 'proton-therapy-course', display: 'Course of proton beam radiotherapy' };

/** ServiceRequest.priority (http://hl7.org/fhir/request-priority). A ministry may send routine or urgent. */
export const URGENCY_TO_PRIORITY: Record<Urgency, 'routine' | 'urgent' | 'stat'> = {
  ROUTINE: 'routine',
  URGENT: 'urgent',
  EMERGENCY: 'stat',
};

export const DIAGNOSIS_GROUP_DISPLAY: Record<DiagnosisGroup, string> = {
  CNS: 'Central nervous system tumours (ICD-10 C70–C72, D33)',
  HEAD_NECK: 'Head and neck tumours (ICD-10 C00–C14, C30–C32)',
  ONCOHEMATOLOGY: 'Haematological malignancies (ICD-10 C81–C96)',
  SARCOMA: 'Bone and soft tissue sarcomas (ICD-10 C40–C41, C45–C49)',
  THORAX: 'Thoracic tumours (ICD-10 C33–C39)',
  ABDOMEN_PELVIS: 'Abdominal and pelvic tumours (ICD-10 C15–C26, C51–C68)',
  BREAST: 'Breast cancer (ICD-10 C50)',
  OTHER: 'Other',
};

export const ROOM_KIND_CODES: Record<RoomKind, { code: string; display: string }> = {
  GANTRY: { code: 'gantry', display: 'Gantry room' },
  FIXED_BEAM: { code: 'fixed-beam', display: 'Fixed beam room' },
};

/** Appointment.status (http://hl7.org/fhir/appointmentstatus). */
export const APPOINTMENT_STATUS: Record<AppointmentStatus, 'booked' | 'fulfilled' | 'noshow' | 'cancelled'> = {
  BOOKED: 'booked',
  DELIVERED: 'fulfilled',
  MISSED: 'noshow',
  CANCELLED: 'cancelled',
};

/** CarePlan.status (http://hl7.org/fhir/request-status) of a course. */
export const CARE_PLAN_STATUS: Record<CourseStatus, 'draft' | 'active' | 'on-hold' | 'completed' | 'revoked'> = {
  DRAFT: 'draft',
  QUEUED: 'active',
  SCHEDULED: 'active',
  IN_TREATMENT: 'active',
  UNSCHEDULABLE: 'on-hold',
  COMPLETED: 'completed',
  CANCELLED: 'revoked',
};

/** Our values whose FHIR code is `code`: a search by a FHIR status reads these. */
export function valuesFor<K extends string, V extends string>(table: Record<K, V>, code: V): K[] {
  return (Object.keys(table) as K[]).filter((key) => table[key] === code);
}

export function keyOf<K extends string, V>(table: Record<K, V>, code: string, read: (v: V) => string = (v) => String(v)): K | undefined {
  return (Object.keys(table) as K[]).find((key) => read(table[key]) === code);
}
