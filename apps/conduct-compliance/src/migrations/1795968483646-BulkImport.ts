import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class BulkImport1795968483646 implements MigrationInterface {
  name = 'BulkImport1795968483646';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"import_run\" (\"id\" uuid NOT NULL, \"kind\" text NOT NULL, \"file_name\" text NOT NULL, \"sha256\" character(64) NOT NULL, \"rows\" integer NOT NULL, \"created\" integer NOT NULL, \"unchanged\" integer NOT NULL, \"imported_by\" text NOT NULL, \"imported_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_efe3e6d8cb9f51ca4e9cd1cf5d3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"import_run_by_file\" ON \"import_run\" (\"kind\", \"sha256\") ");
    await queryRunner.query("ALTER TABLE \"known_operator\" ADD \"identifiers\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"person\" ADD \"import_run_id\" uuid");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"person\" DROP COLUMN \"import_run_id\"");
    await queryRunner.query("ALTER TABLE \"known_operator\" DROP COLUMN \"identifiers\"");
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"import_run_by_file\"");
    await queryRunner.query("DROP TABLE \"import_run\"");
  }
}
