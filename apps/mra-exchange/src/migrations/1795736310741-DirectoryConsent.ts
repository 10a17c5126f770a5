import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class DirectoryConsent1795736310741 implements MigrationInterface {
  name = 'DirectoryConsent1795736310741';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"holder_operator\" ADD \"publish_in_directory\" boolean NOT NULL DEFAULT false");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"holder_operator\" DROP COLUMN \"publish_in_directory\"");
  }
}
