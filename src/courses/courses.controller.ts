import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { setTotalCount, TOTAL_COUNT_HEADER } from '../common/total-count';
import { CancelCourseDto } from './dto/cancel-course.dto';
import { CourseService } from './course.service';
import { CreateCourseDto } from './dto/create-course.dto';
import { ListCoursesDto } from './dto/list-courses.dto';
import { CourseSummaryView, CourseView, toCourseView } from './views/course.view';
import { ReadAudited } from '../audit/read/read-audited.decorator';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CourseService) {}

  @Post()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Create a DRAFT course (prescription); omitted times take the SPEC defaults' })
  @ApiCreatedResponse({ type: CourseView })
  async create(@Body() dto: CreateCourseDto): Promise<CourseView> {
    return toCourseView(await this.courses.create(dto));
  }

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ReadAudited({ action: 'course.list', patients: (list: CourseSummaryView[]) => list.map((c) => c.patient.id) })
  @ApiOperation({
    summary: 'List courses with patient, progress and first/last fraction, newest first (a ministry sees only its referred courses)',
    description:
      'Filters: status and urgency (repeated or comma-separated), lateStart, needsRebooking, from/to (first fraction within whole local days), ' +
      `search (patient first or last name or MRN, any case, substring), limit/offset. ${TOTAL_COUNT_HEADER} carries the number of matches.`,
  })
  @ApiOkResponse({ type: CourseSummaryView, isArray: true, headers: { [TOTAL_COUNT_HEADER]: { description: 'Matches in all', schema: { type: 'integer' } } } })
  async list(@Query() query: ListCoursesDto, @Res({ passthrough: true }) res: Response): Promise<CourseSummaryView[]> {
    const { items, total } = await this.courses.list(query);
    setTotalCount(res, total);
    return items;
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ReadAudited({ action: 'course.read', patients: (c: CourseSummaryView) => [c.patient.id], param: 'id' })
  @ApiOperation({ summary: 'One course with its status, lateStart flag, reason, patient and progress' })
  @ApiOkResponse({ type: CourseSummaryView })
  get(@Param('id', ParseIdPipe) id: string): Promise<CourseSummaryView> {
    return this.courses.summary(id);
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
  @ApiOkResponse({ type: CourseView })
  async cancel(@Param('id', ParseIdPipe) id: string, @Body() dto: CancelCourseDto): Promise<CourseView> {
    return toCourseView(await this.courses.cancel(id, dto.reason));
  }
}
