import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class CosignInterval1796017806122 implements MigrationInterface {
  name = 'CosignInterval1796017806122';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"partner_log\" ADD \"cosigned_size\" bigint NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"partner_log\" DROP COLUMN \"cosigned_size\"");
  }
}
