import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlersCheck } from './job-handlers.check';

/** Listed in WORKER_MODULES: where processors run, each catalog job must have exactly one. */
@Module({ imports: [DiscoveryModule], providers: [JobHandlersCheck] })
export class JobHandlersModule {}
