import { Global, Module } from '@nestjs/common';
import { ReadModelCache } from './read-model-cache';

/** Global: the board and the course list (and any later read model) share one cache per process. */
@Global()
@Module({ providers: [ReadModelCache], exports: [ReadModelCache] })
export class ReadModelModule {}
