import { MigrationInterface, QueryRunner } from 'typeorm';

// The full workflow renames what the minimal path had (entities cannot say "rename"): an
// application's status becomes its stage, who submitted becomes who created it, and an
// authorisation keeps the serial of its certificate number (a partial revocation changes the type).
export class WorkflowRenames1795742290000 implements MigrationInterface {
  name = 'WorkflowRenames1795742290000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "application" RENAME COLUMN "status" TO "stage"');
    await queryRunner.query('ALTER TABLE "application" RENAME COLUMN "submitted_by" TO "created_by"');
    await queryRunner.query('ALTER TABLE "application" ADD "created_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('UPDATE "application" SET "created_at" = "submitted_at"');
    await queryRunner.query('ALTER TABLE "application" ALTER COLUMN "created_at" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "authorisation" ADD "certificate_serial" integer');
    await queryRunner.query(`UPDATE "authorisation" SET "certificate_serial" = substring("certificate_number" from '(\\d+)$')::int`);
    await queryRunner.query('ALTER TABLE "authorisation" ALTER COLUMN "certificate_serial" SET NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "authorisation" DROP COLUMN "certificate_serial"');
    await queryRunner.query('ALTER TABLE "application" DROP COLUMN "created_at"');
    await queryRunner.query('ALTER TABLE "application" RENAME COLUMN "created_by" TO "submitted_by"');
    await queryRunner.query('ALTER TABLE "application" RENAME COLUMN "stage" TO "status"');
  }
}
