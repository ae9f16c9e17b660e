import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager } from 'typeorm';
import { Closure } from './closure.entity';
import { tablesExist } from '../database/tables-exist';

@Injectable()
export class ClosureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(year: number | undefined, m: EntityManager = this.dataSource.manager): Promise<Closure[]> {
    return m.getRepository(Closure).find({
      where: year === undefined ? {} : { date: Between(`${year}-01-01`, `${year}-12-31`) },
      order: { date: 'ASC' },
    });
  }

  findById(m: EntityManager, id: string): Promise<Closure | null> {
    return m.getRepository(Closure).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByDate(m: EntityManager, date: string): Promise<Closure | null> {
    return m.getRepository(Closure).findOne({ where: { date } });
  }

  insert(m: EntityManager, closure: Pick<Closure, 'date' | 'kind' | 'reason' | 'createdBy'>): Promise<Closure> {
    return m.getRepository(Closure).save(m.getRepository(Closure).create(closure));
  }

  async remove(m: EntityManager, closure: Closure): Promise<void> {
    await m.getRepository(Closure).delete({ id: closure.id });
  }

  /**
   * BOOKED fractions on a local date, and how many of them have started. Guarded by tablesExist because the appointments table
   * belongs to a later migration range.
   */
  async bookingsOn(m: EntityManager, date: string, timeZone: string): Promise<{ booked: number; started: number }> {
    if (!(await tablesExist(m, 'appointments'))) return { booked: 0, started: 0 };
    const [row] = (await m.query(
      `SELECT count(*)::int AS booked, count(*) FILTER (WHERE start <= now())::int AS started FROM appointments
        WHERE status = 'BOOKED'
          AND start < (($1::date + 1)::timestamp AT TIME ZONE $2)
          AND "end" > ($1::date::timestamp AT TIME ZONE $2)`,
      [date, timeZone],
    )) as Array<{ booked: number; started: number }>;
    return row;
  }
}
