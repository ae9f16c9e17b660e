import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../common/roles.decorator';
import { FhirContentInterceptor } from './fhir-content.interceptor';
import { FhirReferralsService, transactionResponse } from './fhir-referrals.service';
import { baseUrl } from './fhir-search';

const ANY_RESOURCE = { schema: { type: 'object', additionalProperties: true } };

/** Writes of the FHIR door: referrals (a ministry's, or the center's on its behalf) and their documents. */
// FHIR's contract is its CapabilityStatement (GET /fhir/R4/metadata), not the JSON API's OpenAPI document.
@ApiExcludeController()
@Controller('fhir/R4')
@UseInterceptors(FhirContentInterceptor)
@Roles('ADMIN', 'MINISTRY')
export class FhirWriteController {
  constructor(private readonly referrals: FhirReferralsService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiBody(ANY_RESOURCE)
  @ApiOperation({ summary: 'FHIR transaction Bundle: Patient + ServiceRequest (+ DocumentReferences), all or nothing' })
  async transaction(@Req() req: Request, @Body() body: unknown) {
    return transactionResponse(baseUrl(req), await this.referrals.transaction(body));
  }

  @Post('ServiceRequest')
  @ApiBody(ANY_RESOURCE)
  @ApiOperation({ summary: 'FHIR ServiceRequest create: a referral, its Patient contained' })
  async serviceRequest(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const { resources } = await this.referrals.createServiceRequest(body);
    const created = resources.find((r) => r.resourceType === 'ServiceRequest')!;
    res.location(`${baseUrl(req)}/ServiceRequest/${created.id}`);
    return created;
  }

  @Post('DocumentReference')
  @ApiBody(ANY_RESOURCE)
  @ApiOperation({ summary: 'FHIR DocumentReference create: a document of a referral (context.related ServiceRequest/<id>)' })
  async document(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const [created] = (await this.referrals.createDocument(body)).resources;
    res.location(`${baseUrl(req)}/DocumentReference/${created.id}`);
    return created;
  }
}
