import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CancelCourseDto } from './cancel-course.dto';
import { Course } from './course.entity';
import { CourseService } from './course.service';
import { CreateCourseDto } from './create-course.dto';
import { ListCoursesDto } from './list-courses.dto';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CourseService) {}

  @Post()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Create a DRAFT course (prescription); omitted times take the SPEC defaults' })
  @ApiCreatedResponse({ type: Course })
  create(@Body() dto: CreateCourseDto): Promise<Course> {
    return this.courses.create(dto);
  }

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'List courses, optionally by status (a ministry sees only its referred courses)' })
  @ApiOkResponse({ type: Course, isArray: true })
  list(@Query() query: ListCoursesDto): Promise<Course[]> {
    return this.courses.list(query);
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'One course with its status, lateStart flag and reason' })
  @ApiOkResponse({ type: Course })
  get(@Param('id', ParseIdPipe) id: string): Promise<Course> {
    return this.courses.get(id);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Queue the course for allocation; a worker books its fractions' })
  @ApiAcceptedResponse({ schema: { example: { id: 'uuid', status: 'QUEUED', submissionNo: 1 } } })
  async submit(@Param('id', ParseIdPipe) id: string): Promise<{ id: string; status: 'QUEUED'; submissionNo: number }> {
    const course = await this.courses.submit(id);
    return { id: course.id, status: 'QUEUED', submissionNo: course.submissionNo };
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Cancel the course and free its future appointments' })
  cancel(@Param('id', ParseIdPipe) id: string, @Body() dto: CancelCourseDto): Promise<Course> {
    return this.courses.cancel(id, dto.reason);
  }
}
