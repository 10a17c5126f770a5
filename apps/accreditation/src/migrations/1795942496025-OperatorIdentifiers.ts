import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class OperatorIdentifiers1795942496025 implements MigrationInterface {
  name = 'OperatorIdentifiers1795942496025';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"known_operator\" ADD \"identifiers\" jsonb NOT NULL DEFAULT '[]'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"known_operator\" DROP COLUMN \"identifiers\"");
  }
}
