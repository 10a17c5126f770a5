import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class RegionalFigures1795972602320 implements MigrationInterface {
  name = 'RegionalFigures1795972602320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"application_decision\" (\"application_id\" uuid NOT NULL, \"accepted_at\" TIMESTAMP WITH TIME ZONE, \"decided_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_17e608fb19beab9cf21f53dd2f8\" PRIMARY KEY (\"application_id\"))");
    await queryRunner.query("CREATE TABLE \"partner_figures\" (\"administration\" character(2) NOT NULL, \"figures\" jsonb NOT NULL, \"as_of\" TIMESTAMP WITH TIME ZONE NOT NULL, \"signed\" bytea NOT NULL, \"signature\" bytea NOT NULL, \"key_id\" text NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_87e4b75fc284ebc33fdbdd2bbdd\" PRIMARY KEY (\"administration\"))");
    await queryRunner.query("ALTER TABLE \"holder_operator\" ADD \"size_class\" text");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"holder_operator\" DROP COLUMN \"size_class\"");
    await queryRunner.query("DROP TABLE \"partner_figures\"");
    await queryRunner.query("DROP TABLE \"application_decision\"");
  }
}
