import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { CourseEventsModule } from './course-events.module';
import { CoursesController } from './courses.controller';
import { CourseService } from './course.service';
import { AppointmentViews } from '../appointments/appointment-views.service';
import { MovesService } from '../appointments/moves.service';

@Module({
  imports: [CenterModule, CourseEventsModule],
  controllers: [CoursesController],
  providers: [CourseService, AppointmentViews, MovesService],
  exports: [CourseService],
})
export class CoursesModule {}
