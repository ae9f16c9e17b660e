import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Room } from './room.entity';
import { tablesExist } from '../database/tables-exist';

/** Rooms persistence; every method takes the caller's manager so writes join its transaction. */
@Injectable()
export class RoomRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(filter: { active?: boolean }, m: EntityManager = this.dataSource.manager): Promise<Room[]> {
    const qb = m.getRepository(Room).createQueryBuilder('r').orderBy('lower(r.name)', 'ASC');
    if (filter.active !== undefined) qb.where('r.active = :active', { active: filter.active });
    return qb.getMany();
  }

  findById(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<Room | null> {
    return m.getRepository(Room).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  insert(m: EntityManager, room: Pick<Room, 'name' | 'kind' | 'active'>): Promise<Room> {
    return m.getRepository(Room).save(m.getRepository(Room).create(room));
  }

  save(m: EntityManager, room: Room): Promise<Room> {
    return m.getRepository(Room).save(room);
  }

  /**
   * BOOKED appointments in this room that have not ended. Guarded by tablesExist because the
   * appointments table belongs to a later migration range.
   */
  async futureBookings(m: EntityManager, roomId: string): Promise<number> {
    if (!(await tablesExist(m, 'appointments'))) return 0;
    const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM appointments WHERE room_id = $1 AND status = 'BOOKED' AND "end" > now()`, [
      roomId,
    ])) as Array<{ n: number }>;
    return n;
  }

  /** Future BOOKED fractions in this room whose course does not accept `kind` (rule 2 after a kind change). */
  async futureBookingsRejecting(m: EntityManager, roomId: string, kind: string): Promise<number> {
    if (!(await tablesExist(m, 'appointments', 'courses'))) return 0;
    const [{ n }] = (await m.query(
      `SELECT count(*)::int AS n FROM appointments a JOIN courses c ON c.id = a.course_id
        WHERE a.room_id = $1 AND a.status = 'BOOKED' AND a."end" > now()
          AND cardinality(c.room_kinds) > 0 AND NOT ($2 = ANY (c.room_kinds))`,
      [roomId, kind],
    )) as Array<{ n: number }>;
    return n;
  }
}
