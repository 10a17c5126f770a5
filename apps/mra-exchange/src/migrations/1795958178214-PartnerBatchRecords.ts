import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class PartnerBatchRecords1795958178214 implements MigrationInterface {
  name = 'PartnerBatchRecords1795958178214';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"received_record\" ADD \"record_format\" text NOT NULL DEFAULT 'protobuf'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"received_record\" DROP COLUMN \"record_format\"");
  }
}
