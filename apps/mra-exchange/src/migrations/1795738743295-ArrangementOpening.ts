import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ArrangementOpening1795738743295 implements MigrationInterface {
  name = 'ArrangementOpening1795738743295';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"arrangement\" ADD \"opened_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"arrangement\" DROP COLUMN \"opened_at\"");
  }
}
