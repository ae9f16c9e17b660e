import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreatePatientDto } from './create-patient.dto';
import { Patient } from './patient.entity';
import { PatientService } from './patient.service';
import { SearchPatientsDto } from './search-patients.dto';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientService) {}

  @Post()
  @Roles('ADMIN', 'COORDINATOR')
  @ApiOperation({ summary: 'Register a patient' })
  @ApiCreatedResponse({ type: Patient })
  create(@Body() dto: CreatePatientDto): Promise<Patient> {
    return this.patients.create(dto);
  }

  @Get()
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'Search patients by name or MRN (a ministry sees only its referred patients)' })
  @ApiOkResponse({ type: Patient, isArray: true })
  search(@Query() query: SearchPatientsDto): Promise<Patient[]> {
    return this.patients.search(query);
  }

  @Get(':id')
  @Roles('ADMIN', 'COORDINATOR', 'MINISTRY')
  @ApiOperation({ summary: 'One patient (404 for a ministry unless it referred the patient)' })
  @ApiOkResponse({ type: Patient })
  get(@Param('id', ParseIdPipe) id: string): Promise<Patient> {
    return this.patients.get(id);
  }
}
