import { Module } from '@nestjs/common';
import { QuotaCategoriesController } from './quota-categories.controller';
import { QuotaCategoriesService } from './quota-categories.service';
import { QuotasController } from './quotas.controller';
import { QuotasService } from './quotas.service';
import { ReservationsController } from './reservations.controller';
import { ReservationsService } from './reservations.service';

/** HTTP side of quotas: grants, categories, reservations and the ledger (listed in API_MODULES). */
@Module({
  controllers: [QuotasController, QuotaCategoriesController, ReservationsController],
  providers: [QuotasService, QuotaCategoriesService, ReservationsService],
  exports: [QuotasService, ReservationsService],
})
export class QuotasModule {}
