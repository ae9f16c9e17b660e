import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { countryScope } from '../common/country-scope';
import { conflict, unprocessable } from '../common/problem';
import { Country } from './country.entity';
import { CreateCountryDto } from './dto/create-country.dto';
import { isIso3166Alpha2 } from './iso-3166';

@Injectable()
export class CountriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A ministry sees only its own country. */
  list(): Promise<Country[]> {
    const scope = countryScope();
    return this.dataSource.getRepository(Country).find({ where: scope ? { code: scope } : {}, order: { code: 'ASC' } });
  }

  create(dto: CreateCountryDto): Promise<Country> {
    if (!isIso3166Alpha2(dto.code)) {
      throw unprocessable('unknown-country', `${dto.code} is not an ISO 3166-1 alpha-2 country code`, { field: 'code' });
    }
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ code: string }> = await m.query(
        `INSERT INTO countries (code, name, partner) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code`,
        [dto.code, dto.name.trim(), dto.partner ?? true],
      );
      if (rows.length === 0) throw conflict('country-exists', `Country ${dto.code} already exists`);
      await this.audit.record(m, {
        action: 'country.create',
        entity: 'country',
        entityId: dto.code,
        details: { name: dto.name, partner: dto.partner ?? true },
      });
      return m.getRepository(Country).findOneByOrFail({ code: dto.code });
    });
  }
}
