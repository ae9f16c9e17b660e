import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { PatientsModule } from '../patients/patients.module';
import { CalendarLinksController } from './calendar-links.controller';
import { CalendarLinksService } from './calendar-links.service';
import { CourseFilesController } from './course-files.controller';
import { PatientFilesService } from './patient-files.service';

/** Issue #22's files a patient keeps: the course calendar (.ics), the appointment letter (PDF), the subscription link. */
@Module({
  imports: [CoursesModule, PatientsModule],
  controllers: [CourseFilesController, CalendarLinksController],
  providers: [PatientFilesService, CalendarLinksService],
})
export class PatientFilesModule {}
