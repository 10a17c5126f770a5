import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ArrangementAmendments1795960216904 implements MigrationInterface {
  name = 'ArrangementAmendments1795960216904';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"arrangement\" ADD \"amendments\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"received_record\" ADD \"coverage_ends\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"received_record\" DROP COLUMN \"coverage_ends\"");
    await queryRunner.query("ALTER TABLE \"arrangement\" DROP COLUMN \"amendments\"");
  }
}
