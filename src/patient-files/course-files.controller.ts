import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/id-param.pipe';
import { Roles } from '../common/roles.decorator';
import { PatientFileQueryDto } from './dto/patient-file-query.dto';
import { fileLanguage } from './file-language';
import { PatientFilesService } from './patient-files.service';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** A course's files for the patient, under /courses like the course itself and scoped the same way. */
@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CourseFilesController {
  constructor(private readonly files: PatientFilesService) {}

  @Get(':id/calendar.ics')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({
    summary: "The course's fractions as an iCalendar file (RFC 5545) for the patient's calendar",
    description:
      "One VEVENT per appointment, UID stable across moves, SEQUENCE raised by each move, cancelled or missed fractions STATUS:CANCELLED, local times with the center's VTIMEZONE. A ministry: only its own referred courses, else 404.",
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  async calendar(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PatientFileQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const text = await this.files.courseCalendar(id, fileLanguage(query.lang, acceptLanguage));
    return new StreamableFile(Buffer.from(text, 'utf8'), { type: ICS_CONTENT_TYPE, disposition: `attachment; filename="course-${id}.ics"` });
  }

  @Get(':id/letter.pdf')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({
    summary: 'The appointment letter (PDF) in kk, ru, ky or en: center address and phone, first fraction, the full schedule, what to bring',
    description: '409 course-not-booked while the course has no booked fraction. A ministry: only its own referred courses, else 404.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  async letter(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PatientFileQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const language = fileLanguage(query.lang, acceptLanguage);
    const pdf = await this.files.courseLetter(id, language);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="letter-${id}-${language}.pdf"` });
  }
}
