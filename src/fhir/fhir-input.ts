import { HttpStatus } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';
import { badRequest, FieldError, ProblemException, unprocessable } from '../common/problem';
import { CreateReferralDto } from '../referrals/dto/create-referral.dto';
import { NATIONAL_ID_URIS, nationalIdDefect, systemOfUri } from '../patients/national-id';
import { DIAGNOSIS_GROUPS } from '../courses/course.entity';
import type { RoomKind, Urgency } from '../scheduling';
import { CODE_SYSTEMS, EXTENSIONS, keyOf, ROOM_KIND_CODES, URGENCY_TO_PRIORITY } from './terminology';

/** 1 MiB per attachment (CHECK in referral_documents): a scanned form or a histology report. */
export const DOCUMENT_MAX_BYTES = 1_048_576;
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

type Json = Record<string, unknown>;

/** Where each resource of a request sits, as FHIRPath (`Patient`, `Bundle.entry[0].resource`, `ServiceRequest.contained[0]`). */
export interface Paths {
  patient: string;
  serviceRequest: string;
}

export interface DocumentInput {
  contentType: string;
  title: string | null;
  data: Buffer;
}

/** Collects every defect of a request, each at its FHIRPath, and throws them together (422). */
class Defects {
  readonly list: FieldError[] = [];
  add(field: string, message: string): undefined {
    this.list.push({ field, messages: [message], code: 'invalid-resource' });
    return undefined;
  }
  throwIfAny(): void {
    if (this.list.length) {
      throw unprocessable('invalid-resource', `The request has ${this.list.length} defect(s): ${this.list.map((e) => e.field).join(', ')}`, {
        errors: this.list,
      });
    }
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function requireResourceType(body: unknown, expected: string, path: string): Json {
  if (!isObject(body)) throw badRequest('invalid-resource', `${path} must be a JSON object (a FHIR ${expected})`, { field: path });
  if (body.resourceType !== expected) {
    throw badRequest('wrong-resource-type', `${path}.resourceType must be ${expected}, not ${JSON.stringify(body.resourceType ?? null)}`, {
      field: `${path}.resourceType`,
    });
  }
  return body;
}

function text(d: Defects, value: unknown, path: string, what: string): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  return d.add(path, value === undefined ? `${what} is required` : `${what} must be a non-empty string`);
}

function codeIn(concept: unknown, system: string): string | undefined {
  const coding = asArray(isObject(concept) ? concept.coding : undefined).find((c) => isObject(c) && c.system === system);
  return isObject(coding) && typeof coding.code === 'string' ? coding.code : undefined;
}

function extension(resource: Json, url: string): Json | undefined {
  return asArray(resource.extension).find((e): e is Json => isObject(e) && e.url === url);
}

/** The Patient of a referral: name, birth date, gender, and at most one national number (validated). */
export function readPatient(resource: Json, base: string, d: Defects) {
  const name = asArray(resource.name)[0];
  const family = text(d, isObject(name) ? name.family : undefined, `${base}.name[0].family`, 'the family name');
  const given = text(d, isObject(name) ? asArray(name.given)[0] : undefined, `${base}.name[0].given[0]`, 'a given name');
  const birthDate = text(d, resource.birthDate, `${base}.birthDate`, 'birthDate');
  const sex = text(d, resource.gender, `${base}.gender`, 'gender');
  let nationalId: { system: keyof typeof NATIONAL_ID_URIS; value: string } | undefined;
  asArray(resource.identifier).forEach((identifier, i) => {
    // Identifiers of other systems (a platform's own record numbers) are not ours to keep: ignored.
    const system = isObject(identifier) && typeof identifier.system === 'string' ? systemOfUri(identifier.system) : undefined;
    if (!system || !isObject(identifier)) return;
    const path = `${base}.identifier[${i}].value`;
    if (nationalId) return void d.add(path, 'give one national number per patient');
    const value = typeof identifier.value === 'string' ? identifier.value : '';
    const defect = nationalIdDefect(system, value);
    if (defect) return void d.add(path, `${system} ${value}: ${defect}`);
    nationalId = { system, value };
  });
  return { firstName: given, lastName: family, birthDate, sex, ...(nationalId ? { nationalId } : {}) };
}

/** The course and the place source a ServiceRequest carries. */
export function readServiceRequest(resource: Json, base: string, d: Defects) {
  if (resource.status !== 'active')
    d.add(`${base}.status`, resource.status === undefined ? 'status is required (active)' : 'a referral is posted with status active');
  if (resource.intent !== 'order')
    d.add(`${base}.intent`, resource.intent === undefined ? 'intent is required (order)' : 'a referral is posted with intent order');
  const priority =
    resource.priority === undefined ? 'ROUTINE' : typeof resource.priority === 'string' ? keyOf(URGENCY_TO_PRIORITY, resource.priority) : undefined;
  if (!priority) d.add(`${base}.priority`, 'priority must be routine, urgent or stat');
  const group = codeIn(asArray(resource.reasonCode)[0], CODE_SYSTEMS.diagnosisGroup);
  if (!group || !(DIAGNOSIS_GROUPS as readonly string[]).includes(group)) {
    d.add(`${base}.reasonCode[0]`, `a diagnosis group (${CODE_SYSTEMS.diagnosisGroup}: ${DIAGNOSIS_GROUPS.join(', ')}) is required`);
  }
  const quantity = isObject(resource.quantityQuantity) ? resource.quantityQuantity.value : undefined;
  if (quantity === undefined) d.add(`${base}.quantityQuantity.value`, 'the number of fractions is required');
  const timing = isObject(resource.occurrenceTiming) ? resource.occurrenceTiming : {};
  const repeat = isObject(timing.repeat) ? timing.repeat : {};
  const bounds = isObject(repeat.boundsPeriod) ? repeat.boundsPeriod : {};
  const earliestStart = text(d, bounds.start, `${base}.occurrenceTiming.repeat.boundsPeriod.start`, 'the earliest start date');
  if (repeat.frequency !== undefined && repeat.periodUnit !== 'wk') d.add(`${base}.occurrenceTiming.repeat.periodUnit`, 'frequency is per week (wk)');
  if (repeat.duration !== undefined && repeat.durationUnit !== 'min') d.add(`${base}.occurrenceTiming.repeat.durationUnit`, 'duration is in minutes (min)');
  const roomKinds = asArray(resource.locationCode).map((concept, i) => {
    const code = codeIn(concept, CODE_SYSTEMS.roomKind);
    const kind = code ? keyOf(ROOM_KIND_CODES, code, (v) => v.code) : undefined;
    return kind ?? d.add(`${base}.locationCode[${i}]`, `a room kind (${CODE_SYSTEMS.roomKind}: gantry, fixed-beam)`);
  });
  const quota = extension(resource, EXTENSIONS.quota)?.valueString;
  const reservation = extension(resource, EXTENSIONS.reservation)?.valueString;
  if ((quota === undefined) === (reservation === undefined))
    d.add(`${base}.extension`, `give exactly one of the extensions ${EXTENSIONS.quota} and ${EXTENSIONS.reservation}`);
  const anesthesia = extension(resource, EXTENSIONS.requiresAnesthesia)?.valueBoolean;
  const dueStart = extension(resource, EXTENSIONS.dueStart)?.valueDate;
  return {
    place: quota !== undefined ? { quotaId: quota } : { reservationId: reservation },
    course: {
      diagnosisGroup: group,
      urgency: priority as Urgency | undefined,
      fractions: quantity,
      earliestStart,
      ...(repeat.frequency !== undefined ? { fractionsPerWeek: repeat.frequency } : {}),
      ...(repeat.duration !== undefined ? { fractionMinutes: repeat.duration } : {}),
      ...(roomKinds.length ? { roomKinds: roomKinds as RoomKind[] } : {}),
      ...(anesthesia !== undefined ? { requiresAnesthesia: anesthesia } : {}),
      ...(dueStart !== undefined ? { dueStart } : {}),
    },
  };
}

/** A DocumentReference's attachment: an allowed type, base64 data within the size limit. */
export function readDocument(resource: Json, base: string, d: Defects): DocumentInput | undefined {
  if (resource.status !== 'current') d.add(`${base}.status`, 'status is required (current)');
  const attachment = isObject(asArray(resource.content)[0]) ? (asArray(resource.content)[0] as Json).attachment : undefined;
  const path = `${base}.content[0].attachment`;
  if (!isObject(attachment)) return d.add(path, 'an attachment is required');
  const contentType = typeof attachment.contentType === 'string' ? attachment.contentType : '';
  if (!DOCUMENT_TYPES.includes(contentType)) d.add(`${path}.contentType`, `contentType must be one of ${DOCUMENT_TYPES.join(', ')}`);
  const b64 = typeof attachment.data === 'string' ? attachment.data : '';
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return d.add(`${path}.data`, 'data (base64) is required');
  const data = Buffer.from(b64, 'base64');
  if (data.length > DOCUMENT_MAX_BYTES) return d.add(`${path}.data`, `an attachment is at most ${DOCUMENT_MAX_BYTES} bytes, this one is ${data.length}`);
  const title = attachment.title === undefined ? null : text(d, attachment.title, `${path}.title`, 'title');
  return { contentType, title: title ?? null, data };
}

/** The JSON API's field names (the referral DTO's, the services' problems) as FHIRPaths. */
function fieldPaths(paths: Paths, identifierIndex: number): Record<string, string> {
  const p = paths.patient;
  const s = paths.serviceRequest;
  const id = `${p}.identifier[${identifierIndex}].value`;
  return {
    'patient.firstName': `${p}.name[0].given[0]`,
    'patient.lastName': `${p}.name[0].family`,
    'patient.birthDate': `${p}.birthDate`,
    'patient.sex': `${p}.gender`,
    'patient.nationalId.value': id,
    'patient.nationalId.system': id,
    'nationalId.value': id,
    'course.diagnosisGroup': `${s}.reasonCode[0]`,
    'course.urgency': `${s}.priority`,
    'course.fractions': `${s}.quantityQuantity.value`,
    'course.fractionsPerWeek': `${s}.occurrenceTiming.repeat.frequency`,
    'course.fractionMinutes': `${s}.occurrenceTiming.repeat.duration`,
    'course.roomKinds': `${s}.locationCode`,
    'course.earliestStart': `${s}.occurrenceTiming.repeat.boundsPeriod.start`,
    'course.dueStart': `${s}.extension('${EXTENSIONS.dueStart}').valueDate`,
    'course.requiresAnesthesia': `${s}.extension('${EXTENSIONS.requiresAnesthesia}').valueBoolean`,
    quotaId: `${s}.extension('${EXTENSIONS.quota}').valueString`,
    reservationId: `${s}.extension('${EXTENSIONS.reservation}').valueString`,
  };
}

/**
 * A referral read from FHIR resources, checked by the same DTO as POST /referrals (so both doors keep
 * one set of rules), every defect reported at its FHIRPath. `translate` rewrites the services' later
 * problems (a birth date out of range, an emergency from a ministry) to FHIRPaths as well.
 */
export function referralFrom(patient: Json, serviceRequest: Json, paths: Paths) {
  const d = new Defects();
  const person = readPatient(patient, paths.patient, d);
  const { place, course } = readServiceRequest(serviceRequest, paths.serviceRequest, d);
  d.throwIfAny();
  const identifierIndex = Math.max(
    0,
    asArray(patient.identifier).findIndex((i) => isObject(i) && typeof i.system === 'string' && systemOfUri(i.system)),
  );
  const map = fieldPaths(paths, identifierIndex);
  const translateField = (field: string) => map[field] ?? field;
  const dto = plainToInstance(CreateReferralDto, { ...place, patient: person, course });
  const errors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) {
    throw unprocessable('invalid-resource', `The request has ${errors.length} defect(s)`, {
      errors: errors.map((e) => ({ ...e, field: translateField(e.field) })),
    });
  }
  const translate = (error: unknown): unknown => {
    if (!(error instanceof ProblemException)) return error;
    const ext = error.extensions;
    const field = typeof ext.field === 'string' ? translateField(ext.field) : undefined;
    const fieldErrors = Array.isArray(ext.errors) ? (ext.errors as FieldError[]).map((e) => ({ ...e, field: translateField(e.field) })) : undefined;
    return new ProblemException(error.getStatus() as HttpStatus, error.slug, error.title, error.message, {
      ...ext,
      ...(field ? { field } : {}),
      ...(fieldErrors ? { errors: fieldErrors } : {}),
    });
  };
  return { dto, translate };
}

export { Defects, isObject, asArray };
