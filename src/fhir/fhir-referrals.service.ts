import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound, unprocessable } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { ReferralLinkage, ReferralsService } from '../referrals/referrals.service';
import { asArray, Defects, DocumentInput, isObject, readDocument, referralFrom, requireResourceType } from './fhir-input';
import { FhirReadService } from './fhir-read.service';
import { FhirRepository } from './fhir.repository';

type Json = Record<string, unknown>;

/** What a create answers: the resources made, each with the path of its Location. */
export interface Created {
  resources: FhirResource[];
}

/**
 * The FHIR door's writes. A referral comes as a ServiceRequest (its Patient contained) or as a
 * transaction Bundle (Patient + ServiceRequest + DocumentReferences): either way it goes through
 * ReferralsService.create exactly as POST /referrals does — one held place used, the patient and the
 * course created and submitted — and its documents are written in the same transaction.
 */
@Injectable()
export class FhirReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralsService,
    private readonly read: FhirReadService,
    private readonly repo: FhirRepository,
    private readonly audit: AuditService,
  ) {}

  /** POST /ServiceRequest: the Patient rides along as a contained resource (`subject: #id`). */
  async createServiceRequest(body: unknown): Promise<Created> {
    const request = requireResourceType(body, 'ServiceRequest', 'ServiceRequest');
    const ref = isObject(request.subject) ? request.subject.reference : undefined;
    const index = asArray(request.contained).findIndex((c) => isObject(c) && typeof ref === 'string' && ref === `#${String(c.id)}`);
    if (index < 0) {
      throw unprocessable('invalid-resource', 'subject must reference the Patient contained in the ServiceRequest (#id); the referral creates the patient', {
        field: 'ServiceRequest.subject',
      });
    }
    const patient = requireResourceType(asArray(request.contained)[index], 'Patient', `ServiceRequest.contained[${index}]`);
    return this.refer(patient, request, { patient: `ServiceRequest.contained[${index}]`, serviceRequest: 'ServiceRequest' }, []);
  }

  /** POST / with a transaction Bundle: one Patient, one ServiceRequest whose subject is it, any DocumentReferences. */
  async transaction(body: unknown): Promise<Created> {
    const bundle = requireResourceType(body, 'Bundle', 'Bundle');
    if (bundle.type !== 'transaction') throw unprocessable('invalid-resource', 'Bundle.type must be transaction', { field: 'Bundle.type' });
    const entries = asArray(bundle.entry).map((entry, i) => {
      const path = `Bundle.entry[${i}]`;
      if (!isObject(entry) || !isObject(entry.resource)) throw unprocessable('invalid-resource', `${path}.resource is required`, { field: `${path}.resource` });
      const request = isObject(entry.request) ? entry.request : {};
      if (request.method !== 'POST') throw unprocessable('invalid-resource', 'only POST entries are served', { field: `${path}.request.method` });
      return { path: `${path}.resource`, fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined, resource: entry.resource };
    });
    const ofType = (type: string) => entries.filter((e) => e.resource.resourceType === type);
    const other = entries.find((e) => !['Patient', 'ServiceRequest', 'DocumentReference'].includes(String(e.resource.resourceType)));
    if (other) requireResourceType(other.resource, 'Patient, ServiceRequest or DocumentReference', other.path);
    const [patient, request] = [ofType('Patient'), ofType('ServiceRequest')];
    if (patient.length !== 1 || request.length !== 1) {
      throw unprocessable('invalid-resource', 'a referral Bundle holds exactly one Patient and one ServiceRequest', { field: 'Bundle.entry' });
    }
    const subject = isObject(request[0].resource.subject) ? request[0].resource.subject.reference : undefined;
    if (!patient[0].fullUrl || subject !== patient[0].fullUrl) {
      throw unprocessable('invalid-resource', "subject must be the Patient entry's fullUrl (urn:uuid:…)", { field: `${request[0].path}.subject` });
    }
    const d = new Defects();
    const documents = ofType('DocumentReference').map((doc) => {
      const related = asArray(isObject(doc.resource.context) ? doc.resource.context.related : undefined)[0];
      if (!isObject(related) || related.reference !== request[0].fullUrl || !request[0].fullUrl) {
        d.add(`${doc.path}.context.related[0]`, "must be the ServiceRequest entry's fullUrl");
      }
      return readDocument(doc.resource, doc.path, d);
    });
    d.throwIfAny();
    const { resources } = await this.refer(
      patient[0].resource,
      request[0].resource,
      { patient: patient[0].path, serviceRequest: request[0].path },
      documents as DocumentInput[],
    );
    // FHIR answers a transaction entry for entry, in the request's order.
    let nextDocument = 2;
    return {
      resources: entries.map((e) =>
        e.resource.resourceType === 'Patient' ? resources[0] : e.resource.resourceType === 'ServiceRequest' ? resources[1] : resources[nextDocument++],
      ),
    };
  }

  /** POST /DocumentReference for a referral already made (context.related: ServiceRequest/<id>). */
  async createDocument(body: unknown): Promise<Created> {
    const resource = requireResourceType(body, 'DocumentReference', 'DocumentReference');
    const d = new Defects();
    const related = asArray(isObject(resource.context) ? resource.context.related : undefined)[0];
    const ref = isObject(related) && typeof related.reference === 'string' ? related.reference : '';
    const referralId = /^ServiceRequest\/([0-9a-f-]{36})$/i.exec(ref)?.[1]?.toLowerCase();
    if (!referralId) d.add('DocumentReference.context.related[0]', 'must be ServiceRequest/<id> of the referral');
    const document = readDocument(resource, 'DocumentReference', d);
    d.throwIfAny();
    const { rows } = await this.repo.referrals({ id: referralId }, null);
    if (!rows[0]) throw notFound('ServiceRequest', referralId!);
    const id = await this.dataSource.transaction((m) => this.attach(m, rows[0].id, rows[0].country_code, document!));
    return { resources: [await this.read.documentReference(id)] };
  }

  private async refer(patient: Json, request: Json, paths: { patient: string; serviceRequest: string }, documents: DocumentInput[]): Promise<Created> {
    const { dto, translate } = referralFrom(patient, request, paths);
    const documentIds: string[] = [];
    const within = async (m: EntityManager, referral: ReferralLinkage) => {
      for (const doc of documents) documentIds.push(await this.attach(m, referral.id, referral.countryCode, doc));
    };
    let referralId: string;
    try {
      referralId = (await this.referrals.create(dto, { within })).id;
    } catch (error) {
      throw translate(error);
    }
    const serviceRequest = await this.read.serviceRequest(referralId);
    const subject = await this.read.patient(serviceRequest.subject.reference!.slice('Patient/'.length));
    const docs = await Promise.all(documentIds.map((id) => this.read.documentReference(id)));
    return { resources: [subject, serviceRequest, ...docs] };
  }

  private async attach(m: EntityManager, referralId: string, countryCode: string, doc: DocumentInput): Promise<string> {
    const actor = requestContext.actor() ?? SYSTEM_ACTOR;
    const [{ id }] = (await m.query(
      `INSERT INTO referral_documents (referral_id, country_code, content_type, title, data, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [referralId, countryCode, doc.contentType, doc.title, doc.data, actor.username],
    )) as Array<{ id: string }>;
    await this.audit.record(m, { action: 'document.create', entity: 'referral-document', entityId: id, details: { referralId, bytes: doc.data.length } });
    return id;
  }
}

/** The transaction-response Bundle: each created resource with its status and location. */
export function transactionResponse(base: string, created: Created): Bundle {
  const entry: BundleEntry[] = created.resources.map((resource) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    response: { status: '201 Created', location: `${resource.resourceType}/${resource.id}` },
  }));
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}
