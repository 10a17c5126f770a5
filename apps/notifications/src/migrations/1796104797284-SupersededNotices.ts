import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class SupersededNotices1796104797284 implements MigrationInterface {
  name = 'SupersededNotices1796104797284';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notice\" ADD \"superseded_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notice\" DROP COLUMN \"superseded_at\"");
  }
}
