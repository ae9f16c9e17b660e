import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { ReadAuditController } from './read/read-audit.controller';
import { ReadAuditInterceptor } from './read/read-audit.interceptor';
import { ReadAuditService } from './read/read-audit.service';
import { ReadAuditWriter } from './read/read-audit.writer';

/**
 * Global so every module (HTTP services and BullMQ processors alike) can inject AuditService.
 * It sits in API_MODULES, which AppModule loads for every role, so workers have it too.
 * Reads are audited by the global ReadAuditInterceptor on routes marked @ReadAudited.
 */
@Global()
@Module({
  controllers: [AuditController, ReadAuditController],
  providers: [AuditService, ReadAuditService, ReadAuditWriter, { provide: APP_INTERCEPTOR, useClass: ReadAuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
