import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Initial1795734654603 implements MigrationInterface {
  name = 'Initial1795734654603';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"topic\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"published_at\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, CONSTRAINT \"UQ_eaeb48f0dd30890d452d108804b\" UNIQUE (\"position\"), CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_unpublished\" ON \"outbox\" (\"position\") WHERE published_at IS NULL");
    await queryRunner.query("CREATE TABLE \"aggregate_sequence\" (\"aggregate_id\" text NOT NULL, \"last_sequence\" bigint NOT NULL, CONSTRAINT \"PK_b5cdc8778a7c723d2c8f81e44a7\" PRIMARY KEY (\"aggregate_id\"))");
    await queryRunner.query("CREATE TABLE \"inbox\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"topic\" text NOT NULL, \"handled_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8902b2c18e35f1ba5a650a69c2f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE TABLE \"known_operator\" (\"operator_id\" uuid NOT NULL, \"legal_name\" text NOT NULL, \"registered_by\" text NOT NULL, \"registered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a99a867f92b89f66de221917ff0\" PRIMARY KEY (\"operator_id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"known_operator\"");
    await queryRunner.query("DROP TABLE \"inbox\"");
    await queryRunner.query("DROP TABLE \"aggregate_sequence\"");
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"outbox_unpublished\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
  }
}
