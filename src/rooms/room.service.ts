import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/problem';
import { CreateRoomDto } from './dto/create-room.dto';
import { Room } from './room.entity';
import { RoomRepository } from './room.repository';
import { UpdateRoomDto } from './dto/update-room.dto';
import { lockBookings } from '../database/booking-lock';

@Injectable()
export class RoomService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomRepository,
    private readonly audit: AuditService,
  ) {}

  list(active?: boolean): Promise<Room[]> {
    return this.rooms.list({ active });
  }

  async get(id: string): Promise<Room> {
    const room = await this.rooms.findById(id);
    if (!room) throw notFound('Room', id);
    return room;
  }

  create(dto: CreateRoomDto): Promise<Room> {
    return this.dataSource.transaction(async (m) => {
      const room = await this.rooms.insert(m, { name: dto.name, kind: dto.kind, active: dto.active ?? true });
      await this.audit.record(m, {
        action: 'room.create',
        entity: 'room',
        entityId: room.id,
        details: { name: room.name, kind: room.kind, active: room.active },
      });
      return room;
    });
  }

  update(id: string, dto: UpdateRoomDto): Promise<Room> {
    return this.dataSource.transaction(async (m) => {
      const room = await this.rooms.findById(id, m, true);
      if (!room) throw notFound('Room', id);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'kind', 'active'] as const) {
        if (dto[field] !== undefined && dto[field] !== room[field]) changes[field] = { from: room[field], to: dto[field] };
      }
      if (Object.keys(changes).length === 0) return room;
      // The checks below hold until commit only if no allocation books this room in between.
      if ((changes.active && dto.active === false) || changes.kind) await lockBookings(m);
      // Booked fractions in a deactivated room would silently break rule 2; make the admin move them first.
      if (changes.active && dto.active === false) {
        const booked = await this.rooms.futureBookings(m, id);
        if (booked > 0) {
          throw conflict(
            'room-has-bookings',
            `Room ${room.name} still has ${booked} booked future fraction(s); declare a downtime to move them, then deactivate it`,
            { bookedFractions: booked },
          );
        }
      }
      if (changes.kind && dto.kind) {
        const rejecting = await this.rooms.futureBookingsRejecting(m, id, dto.kind);
        if (rejecting > 0) {
          throw conflict(
            'room-kind-breaks-bookings',
            `${rejecting} booked future fraction(s) in room ${room.name} belong to courses that cannot be treated in a ${dto.kind} room`,
            {
              bookedFractions: rejecting,
            },
          );
        }
      }
      Object.assign(room, dto);
      const saved = await this.rooms.save(m, room);
      await this.audit.record(m, { action: 'room.update', entity: 'room', entityId: id, details: changes });
      return saved;
    });
  }
}
