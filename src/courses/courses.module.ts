import { Module } from '@nestjs/common';
import { CenterModule } from '../center/center.module';
import { CourseEventsModule } from './course-events.module';
import { CoursesController } from './courses.controller';
import { CourseService } from './course.service';

@Module({
  imports: [CenterModule, CourseEventsModule],
  controllers: [CoursesController],
  providers: [CourseService],
  exports: [CourseService],
})
export class CoursesModule {}
