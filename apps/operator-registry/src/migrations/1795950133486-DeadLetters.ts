import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class DeadLetters1795950133486 implements MigrationInterface {
  name = 'DeadLetters1795950133486';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"dead_letter\" (\"id\" uuid NOT NULL, \"consumer\" text NOT NULL, \"topic\" text NOT NULL, \"partition\" integer NOT NULL, \"offset\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"kind\" text NOT NULL, \"reason\" text NOT NULL, \"dead_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"handled_at\" TIMESTAMP WITH TIME ZONE, \"handled_by\" text, \"outcome\" text, \"note\" text, CONSTRAINT \"PK_e51e9e534cd18984b2aad76403c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"dead_letter_open\" ON \"dead_letter\" (\"consumer\", \"dead_at\") WHERE handled_at IS NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"operator_registry\".\"dead_letter_open\"");
    await queryRunner.query("DROP TABLE \"dead_letter\"");
  }
}
