import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ComplianceReasons1796106665667 implements MigrationInterface {
  name = 'ComplianceReasons1796106665667';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"compliance_status\" ADD \"reasons\" jsonb NOT NULL DEFAULT '[]'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"compliance_status\" DROP COLUMN \"reasons\"");
  }
}
