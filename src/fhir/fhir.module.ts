import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { RoomsModule } from '../rooms/rooms.module';
import { FhirReadController } from './fhir-read.controller';
import { FhirReadService } from './fhir-read.service';
import { FhirReferralsService } from './fhir-referrals.service';
import { FhirRepository } from './fhir.repository';
import { FhirSlotsService } from './fhir-slots.service';
import { FhirWriteController } from './fhir-write.controller';

/** The FHIR R4 door at /fhir/R4 (issue #23): mappers over the same services and scoping as the JSON API. */
@Module({
  imports: [CenterModule, ReferralsModule, RoomsModule],
  controllers: [FhirReadController, FhirWriteController],
  providers: [FhirReadService, FhirReferralsService, FhirRepository, FhirSlotsService],
})
export class FhirModule {}
