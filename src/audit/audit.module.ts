import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * Global so every module (HTTP services and BullMQ processors alike) can inject AuditService.
 * It sits in API_MODULES, which AppModule loads for every role, so workers have it too.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
