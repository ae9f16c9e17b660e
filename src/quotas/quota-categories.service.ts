import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict } from '../common/problem';
import { CreateQuotaCategoryDto } from './dto/create-quota-category.dto';
import { QuotaCategory } from './quota-category.entity';

@Injectable()
export class QuotaCategoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<QuotaCategory[]> {
    return this.dataSource.getRepository(QuotaCategory).find({ order: { code: 'ASC' } });
  }

  create(dto: CreateQuotaCategoryDto): Promise<QuotaCategory> {
    return this.dataSource.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `INSERT INTO quota_categories (code, description, patient_category, diagnosis_groups) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [dto.code, dto.description ?? '', dto.patientCategory ?? null, dto.diagnosisGroups ?? null],
      );
      if (rows.length === 0) throw conflict('category-exists', `Quota category ${dto.code} already exists`);
      await this.audit.record(m, {
        action: 'quota-category.create',
        entity: 'quota_category',
        entityId: dto.code,
        details: { patientCategory: dto.patientCategory ?? null, diagnosisGroups: dto.diagnosisGroups ?? null },
      });
      return m.getRepository(QuotaCategory).findOneByOrFail({ code: dto.code });
    });
  }
}
