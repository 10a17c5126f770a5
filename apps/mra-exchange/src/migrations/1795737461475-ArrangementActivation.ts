import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ArrangementActivation1795737461475 implements MigrationInterface {
  name = 'ArrangementActivation1795737461475';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"arrangement\" ADD \"activated_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"arrangement\" DROP COLUMN \"activated_at\"");
  }
}
