import { Controller, Get, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/public.decorator';
import { Roles } from '../common/roles.decorator';
import { capabilityStatement } from './capability';
import {
  AppointmentSearchDto,
  CarePlanSearchDto,
  DocumentReferenceSearchDto,
  NoSearchDto,
  PatientSearchDto,
  ServiceRequestSearchDto,
  SlotSearchDto,
} from './dto/search.dto';
import { FhirContentInterceptor } from './fhir-content.interceptor';
import { FhirReadService } from './fhir-read.service';
import { FhirSlotsService } from './fhir-slots.service';

/** Reads and searches of the FHIR door (docs/fhir.md); a ministry sees its own country's resources. */
// FHIR's contract is its CapabilityStatement (GET /fhir/R4/metadata), not the JSON API's OpenAPI document.
@ApiExcludeController()
@Controller('fhir/R4')
@UseInterceptors(FhirContentInterceptor)
@Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
export class FhirReadController {
  private readonly started = new Date().toISOString();

  constructor(
    private readonly fhir: FhirReadService,
    private readonly slots: FhirSlotsService,
  ) {}

  @Get('metadata')
  @Public()
  @ApiOperation({ summary: 'FHIR CapabilityStatement: exactly the resources, interactions and search parameters served' })
  metadata() {
    return capabilityStatement(this.started);
  }

  @Get('Patient')
  @ApiOperation({ summary: 'FHIR Patient search (identifier, family, birthdate)' })
  patients(@Req() req: Request, @Query() q: PatientSearchDto) {
    return this.fhir.searchPatients(req, q);
  }

  @Get('Patient/:id')
  patient(@Param('id') id: string) {
    return this.fhir.patient(id);
  }

  @Get('ServiceRequest')
  @ApiOperation({ summary: 'FHIR ServiceRequest (referral) search (patient, status, authored)' })
  serviceRequests(@Req() req: Request, @Query() q: ServiceRequestSearchDto) {
    return this.fhir.searchServiceRequests(req, q);
  }

  @Get('ServiceRequest/:id')
  serviceRequest(@Param('id') id: string) {
    return this.fhir.serviceRequest(id);
  }

  @Get('CarePlan')
  @ApiOperation({ summary: 'FHIR CarePlan (course) search (patient, date, status)' })
  carePlans(@Req() req: Request, @Query() q: CarePlanSearchDto) {
    return this.fhir.searchCarePlans(req, q);
  }

  @Get('CarePlan/:id')
  carePlan(@Param('id') id: string) {
    return this.fhir.carePlan(id);
  }

  @Get('Appointment')
  @ApiOperation({ summary: 'FHIR Appointment (fraction) search (patient, date, status), paged by _count' })
  appointments(@Req() req: Request, @Query() q: AppointmentSearchDto) {
    return this.fhir.searchAppointments(req, q);
  }

  @Get('Appointment/:id')
  appointment(@Param('id') id: string) {
    return this.fhir.appointment(id);
  }

  @Get('Location')
  locations(@Req() req: Request, @Query() q: NoSearchDto) {
    return this.fhir.searchLocations(req, q);
  }

  @Get('Location/:id')
  location(@Param('id') id: string) {
    return this.fhir.location(id);
  }

  @Get('Schedule')
  @ApiOperation({ summary: 'FHIR Schedule search: one per room kind' })
  schedules(@Req() req: Request, @Query() q: NoSearchDto) {
    return this.slots.schedules(req, q);
  }

  @Get('Schedule/:id')
  schedule(@Param('id') id: string) {
    return this.slots.schedule(id);
  }

  @Get('Slot')
  @ApiOperation({ summary: 'FHIR Slot search (schedule, start, status=free): free places computed by the scheduling core' })
  slotSearch(@Req() req: Request, @Query() q: SlotSearchDto) {
    return this.slots.slots(req, q);
  }

  @Get('DocumentReference')
  @ApiOperation({ summary: "FHIR DocumentReference search (related=ServiceRequest/<id>), without the attachments' data" })
  documents(@Req() req: Request, @Query() q: DocumentReferenceSearchDto) {
    return this.fhir.searchDocumentReferences(req, q);
  }

  @Get('DocumentReference/:id')
  document(@Param('id') id: string) {
    return this.fhir.documentReference(id);
  }
}
