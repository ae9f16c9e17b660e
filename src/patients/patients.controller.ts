import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/roles.decorator';
import { CreatePatientDto } from './dto/create-patient.dto';
import { PatientService } from './patient.service';
import { PatientView, toPatientView } from './views/patient.view';
import { SearchPatientsDto } from './dto/search-patients.dto';
import { PatientContactDto } from './dto/patient-contact.dto';
import { ReadAudited } from '../audit/read/read-audited.decorator';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientService) {}

  @Post()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Register a patient' })
  @ApiCreatedResponse({ type: PatientView })
  async create(@Body() dto: CreatePatientDto): Promise<PatientView> {
    return toPatientView(await this.patients.create(dto));
  }

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ReadAudited({ action: 'patient.search', patients: (list: PatientView[]) => list.map((p) => p.id) })
  @ApiOperation({ summary: 'Search patients by name or MRN (a ministry sees only its referred patients)' })
  @ApiOkResponse({ type: PatientView, isArray: true })
  async search(@Query() query: SearchPatientsDto): Promise<PatientView[]> {
    return (await this.patients.search(query)).map(toPatientView);
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ReadAudited({ action: 'patient.read', patients: (p: PatientView) => [p.id], param: 'id' })
  @ApiOperation({ summary: 'One patient (404 for a ministry unless it referred the patient)' })
  @ApiOkResponse({ type: PatientView })
  async get(@Param('id', ParseIdPipe) id: string): Promise<PatientView> {
    return toPatientView(await this.patients.get(id));
  }

  @Patch(':id/contact')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: "Set or clear a patient's contact details (null clears; a ministry only for patients it referred)" })
  @ApiOkResponse({ type: PatientView })
  async updateContact(@Param('id', ParseIdPipe) id: string, @Body() dto: PatientContactDto): Promise<PatientView> {
    return toPatientView(await this.patients.updateContact(id, dto));
  }
}
