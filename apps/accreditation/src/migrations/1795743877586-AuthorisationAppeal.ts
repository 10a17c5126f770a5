import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class AuthorisationAppeal1795743877586 implements MigrationInterface {
  name = 'AuthorisationAppeal1795743877586';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"last_decision\" text");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"last_decision_by\" text");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"appeal_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"appeal_pending\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"type_before_partial\" character(1)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"type_before_partial\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"appeal_pending\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"appeal_due\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"last_decision_by\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"last_decision\"");
  }
}
