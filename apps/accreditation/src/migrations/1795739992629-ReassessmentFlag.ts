import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ReassessmentFlag1795739992629 implements MigrationInterface {
  name = 'ReassessmentFlag1795739992629';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"reassessment_flagged_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"reassessment_reason\" text");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"reassessment_reason\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"reassessment_flagged_at\"");
  }
}
