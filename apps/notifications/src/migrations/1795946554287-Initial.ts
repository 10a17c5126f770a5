import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Initial1795946554287 implements MigrationInterface {
  name = 'Initial1795946554287';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"topic\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"published_at\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, CONSTRAINT \"UQ_eaeb48f0dd30890d452d108804b\" UNIQUE (\"position\"), CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_unpublished\" ON \"outbox\" (\"position\") WHERE published_at IS NULL");
    await queryRunner.query("CREATE TABLE \"aggregate_sequence\" (\"aggregate_id\" text NOT NULL, \"last_sequence\" bigint NOT NULL, CONSTRAINT \"PK_b5cdc8778a7c723d2c8f81e44a7\" PRIMARY KEY (\"aggregate_id\"))");
    await queryRunner.query("CREATE TABLE \"inbox\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"topic\" text NOT NULL, \"handled_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8902b2c18e35f1ba5a650a69c2f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE TABLE \"held_message\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"hold_key\" text NOT NULL, \"reason\" text NOT NULL, \"topic\" text NOT NULL, \"partition\" integer NOT NULL, \"offset\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"held_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4247f3eba12dce92ebfe6441e5f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE INDEX \"held_message_by_key\" ON \"held_message\" (\"consumer\", \"hold_key\", \"held_at\") ");
    await queryRunner.query("CREATE TABLE \"notice\" (\"id\" uuid NOT NULL, \"recipient\" text NOT NULL, \"kind\" text NOT NULL, \"category\" text NOT NULL, \"operator_id\" uuid, \"subject_type\" text NOT NULL, \"subject_id\" uuid NOT NULL, \"facts\" jsonb NOT NULL, \"due\" TIMESTAMP WITH TIME ZONE, \"link\" text NOT NULL, \"source_event\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE, \"mail_status\" text NOT NULL, \"mail_to\" text, \"mail_language\" text NOT NULL, \"mail_attempts\" integer NOT NULL DEFAULT '0', \"mail_next_at\" TIMESTAMP WITH TIME ZONE, \"mail_first_failure_at\" TIMESTAMP WITH TIME ZONE, \"mail_error\" text, \"mail_message_id\" text, \"mail_sent_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_705062b14410ff1a04998f86d72\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"notice_mail_due\" ON \"notice\" (\"mail_next_at\") WHERE mail_status = 'pending'");
    await queryRunner.query("CREATE UNIQUE INDEX \"notice_once_per_event\" ON \"notice\" (\"source_event\", \"recipient\", \"kind\") ");
    await queryRunner.query("CREATE INDEX \"notice_per_recipient\" ON \"notice\" (\"recipient\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"known_authorisation\" (\"authorisation_id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"status\" text NOT NULL, \"aeo_type\" text NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"status_since\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c13f79953a97f8d371be8c6aab6\" PRIMARY KEY (\"authorisation_id\"))");
    await queryRunner.query("CREATE TABLE \"known_operator\" (\"operator_id\" uuid NOT NULL, \"legal_name\" text NOT NULL, \"registered_by\" text NOT NULL, \"compliance_state\" text, \"compliance_version\" bigint, \"suspension_incident\" uuid, CONSTRAINT \"PK_a99a867f92b89f66de221917ff0\" PRIMARY KEY (\"operator_id\"))");
    await queryRunner.query("CREATE TABLE \"recipient\" (\"subject\" text NOT NULL, \"email\" text, \"name\" text, \"token_language\" text, \"roles\" text array NOT NULL DEFAULT '{}', \"chosen_language\" text, \"email_off\" text array NOT NULL DEFAULT '{}', \"seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_874da64995b7b53ccd16a8a26e4\" PRIMARY KEY (\"subject\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"recipient\"");
    await queryRunner.query("DROP TABLE \"known_operator\"");
    await queryRunner.query("DROP TABLE \"known_authorisation\"");
    await queryRunner.query("DROP INDEX \"notifications\".\"notice_per_recipient\"");
    await queryRunner.query("DROP INDEX \"notifications\".\"notice_once_per_event\"");
    await queryRunner.query("DROP INDEX \"notifications\".\"notice_mail_due\"");
    await queryRunner.query("DROP TABLE \"notice\"");
    await queryRunner.query("DROP INDEX \"notifications\".\"held_message_by_key\"");
    await queryRunner.query("DROP TABLE \"held_message\"");
    await queryRunner.query("DROP TABLE \"inbox\"");
    await queryRunner.query("DROP TABLE \"aggregate_sequence\"");
    await queryRunner.query("DROP INDEX \"notifications\".\"outbox_unpublished\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
  }
}
