import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class SupplierChecks1795969425054 implements MigrationInterface {
  name = 'SupplierChecks1795969425054';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"received_record\" ADD \"published_in_directory\" boolean NOT NULL DEFAULT false");
    // Look-ups of this administration's operators by identifier (supplier checks; local identifiers of the partner question).
    await queryRunner.query('CREATE INDEX "holder_operator_identifiers" ON "holder_operator" USING gin ("identifiers" jsonb_path_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "holder_operator_identifiers"');
    await queryRunner.query("ALTER TABLE \"received_record\" DROP COLUMN \"published_in_directory\"");
  }
}
