import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reservation remembers the hold it was asked for (SPEC §4: `count` places for `holdDays`), so a
 * ministry reads it back instead of working it out from expiresAt − createdAt. Older holds get the
 * whole days between the two.
 */
export class ReservationHoldDays1764600000000 implements MigrationInterface {
  name = 'ReservationHoldDays1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quota_reservations ADD COLUMN hold_days int`);
    await q.query(`UPDATE quota_reservations SET hold_days = greatest(1, round(extract(epoch FROM expires_at - created_at) / 86400))::int`);
    await q.query(
      `ALTER TABLE quota_reservations ALTER COLUMN hold_days SET NOT NULL, ADD CONSTRAINT quota_reservations_hold_days_positive CHECK (hold_days >= 1)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quota_reservations DROP COLUMN hold_days`);
  }
}
