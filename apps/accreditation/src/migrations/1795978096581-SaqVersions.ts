import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class SaqVersions1795978096581 implements MigrationInterface {
  name = 'SaqVersions1795978096581';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"saq_version\" (\"version\" text NOT NULL, \"sha256\" text NOT NULL, \"content\" jsonb NOT NULL, \"source\" text NOT NULL, \"loaded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_7e14757e42661d0516432ba7770\" PRIMARY KEY (\"version\"))");
    // Applications started before questionnaires were versioned rest on the built-in SAFE FoS 2025 (registered at start-up).
    await queryRunner.query("ALTER TABLE \"application\" ADD \"saq_version\" text NOT NULL DEFAULT 'safe-fos-2025.1'");
    await queryRunner.query("ALTER TABLE \"application\" ALTER COLUMN \"saq_version\" DROP DEFAULT");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"saq_version\"");
    await queryRunner.query("DROP TABLE \"saq_version\"");
  }
}
