import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions every later migration relies on: btree_gist for EXCLUDE constraints mixing = and &&. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  }

  async down(): Promise<void> {
    // Extensions may be shared with other schemas; leaving them is harmless.
  }
}
