import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class HeldMessages1795927606406 implements MigrationInterface {
  name = 'HeldMessages1795927606406';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"held_message\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"hold_key\" text NOT NULL, \"reason\" text NOT NULL, \"topic\" text NOT NULL, \"partition\" integer NOT NULL, \"offset\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"held_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4247f3eba12dce92ebfe6441e5f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE INDEX \"held_message_by_key\" ON \"held_message\" (\"consumer\", \"hold_key\", \"held_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"operator_registry\".\"held_message_by_key\"");
    await queryRunner.query("DROP TABLE \"held_message\"");
  }
}
