import { Global, Module } from '@nestjs/common';
import { CourseEvents } from './course-events.service';

/** Global so the quotas area can inject CourseEvents without importing the courses module. */
@Global()
@Module({ providers: [CourseEvents], exports: [CourseEvents] })
export class CourseEventsModule {}
