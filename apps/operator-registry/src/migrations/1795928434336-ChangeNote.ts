import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ChangeNote1795928434336 implements MigrationInterface {
  name = 'ChangeNote1795928434336';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"operator_change\" ADD \"note\" text");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"operator_change\" DROP COLUMN \"note\"");
  }
}
