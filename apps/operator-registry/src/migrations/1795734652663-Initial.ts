import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Initial1795734652663 implements MigrationInterface {
  name = 'Initial1795734652663';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"topic\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"published_at\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, CONSTRAINT \"UQ_eaeb48f0dd30890d452d108804b\" UNIQUE (\"position\"), CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_unpublished\" ON \"outbox\" (\"position\") WHERE published_at IS NULL");
    await queryRunner.query("CREATE TABLE \"aggregate_sequence\" (\"aggregate_id\" text NOT NULL, \"last_sequence\" bigint NOT NULL, CONSTRAINT \"PK_b5cdc8778a7c723d2c8f81e44a7\" PRIMARY KEY (\"aggregate_id\"))");
    await queryRunner.query("CREATE TABLE \"inbox\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"topic\" text NOT NULL, \"handled_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8902b2c18e35f1ba5a650a69c2f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE TABLE \"operator_identifier\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"scheme\" text NOT NULL, \"value\" text NOT NULL, \"issuer\" character(2) NOT NULL, \"valid_from\" date NOT NULL, \"valid_to\" date, CONSTRAINT \"PK_5198d36a2963cab8f8022c2fc1e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"operator_identifier_unique\" ON \"operator_identifier\" (\"scheme\", \"issuer\", \"value\") ");
    await queryRunner.query("CREATE TABLE \"operator\" (\"id\" uuid NOT NULL, \"legal_name\" text NOT NULL, \"address\" jsonb NOT NULL, \"registered_by\" text NOT NULL, \"registered_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8b950e1572745d9f69be7748ae8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"consent_record\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"operator_id\" uuid NOT NULL, \"share_with_partners\" boolean NOT NULL, \"publish_in_directory\" boolean NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"recorded_by\" text NOT NULL, CONSTRAINT \"UQ_93ad631f09c1dc8c91d5605444d\" UNIQUE (\"position\"), CONSTRAINT \"PK_b357c35aea3aa0be4647282324f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"operator_identifier\" ADD CONSTRAINT \"FK_0d758473ad8b60b61579e729041\" FOREIGN KEY (\"operator_id\") REFERENCES \"operator\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"consent_record\" ADD CONSTRAINT \"FK_aaf62c779e3b33733664789512a\" FOREIGN KEY (\"operator_id\") REFERENCES \"operator\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"consent_record\" DROP CONSTRAINT \"FK_aaf62c779e3b33733664789512a\"");
    await queryRunner.query("ALTER TABLE \"operator_identifier\" DROP CONSTRAINT \"FK_0d758473ad8b60b61579e729041\"");
    await queryRunner.query("DROP TABLE \"consent_record\"");
    await queryRunner.query("DROP TABLE \"operator\"");
    await queryRunner.query("DROP INDEX \"operator_registry\".\"operator_identifier_unique\"");
    await queryRunner.query("DROP TABLE \"operator_identifier\"");
    await queryRunner.query("DROP TABLE \"inbox\"");
    await queryRunner.query("DROP TABLE \"aggregate_sequence\"");
    await queryRunner.query("DROP INDEX \"operator_registry\".\"outbox_unpublished\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
  }
}
