import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ReplayRequests1795736204903 implements MigrationInterface {
  name = 'ReplayRequests1795736204903';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"issuer_progress\" ADD \"replay_requested_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"issuer_progress\" DROP COLUMN \"replay_requested_at\"");
  }
}
