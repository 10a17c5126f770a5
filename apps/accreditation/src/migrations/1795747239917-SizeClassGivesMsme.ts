import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
// The MSME flag was derivable from the size class: it is derived where it is read.
export class SizeClassGivesMsme1795747239917 implements MigrationInterface {
  name = 'SizeClassGivesMsme1795747239917';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"msme\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"application\" ADD \"msme\" boolean NOT NULL DEFAULT false");
    // Added by hand: the flag was derived from the size class; derive it again.
    await queryRunner.query(`UPDATE "application" SET "msme" = coalesce("size_class" IN ('micro', 'small', 'medium'), false)`);
  }
}
