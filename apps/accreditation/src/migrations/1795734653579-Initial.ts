import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Initial1795734653579 implements MigrationInterface {
  name = 'Initial1795734653579';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"topic\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"published_at\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, CONSTRAINT \"UQ_eaeb48f0dd30890d452d108804b\" UNIQUE (\"position\"), CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_unpublished\" ON \"outbox\" (\"position\") WHERE published_at IS NULL");
    await queryRunner.query("CREATE TABLE \"aggregate_sequence\" (\"aggregate_id\" text NOT NULL, \"last_sequence\" bigint NOT NULL, CONSTRAINT \"PK_b5cdc8778a7c723d2c8f81e44a7\" PRIMARY KEY (\"aggregate_id\"))");
    await queryRunner.query("CREATE TABLE \"inbox\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"topic\" text NOT NULL, \"handled_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8902b2c18e35f1ba5a650a69c2f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE TABLE \"application\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"aeo_type\" character(1) NOT NULL, \"status\" text NOT NULL, \"submitted_by\" text NOT NULL, \"submitted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_569e0c3e863ebdf5f2408ee1670\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"known_operator\" (\"operator_id\" uuid NOT NULL, \"legal_name\" text NOT NULL, \"registered_by\" text NOT NULL, CONSTRAINT \"PK_a99a867f92b89f66de221917ff0\" PRIMARY KEY (\"operator_id\"))");
    await queryRunner.query("CREATE TABLE \"authorisation_transition\" (\"id\" uuid NOT NULL, \"authorisation_id\" uuid NOT NULL, \"from_status\" text, \"to_status\" text NOT NULL, \"actor\" text NOT NULL, \"reason\" text NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f4ecc6a3734025c0a528b31de6f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"authorisation_transition_by_authorisation\" ON \"authorisation_transition\" (\"authorisation_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"authorisation\" (\"id\" uuid NOT NULL, \"application_id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"certificate_number\" text NOT NULL, \"aeo_type\" character(1) NOT NULL, \"status\" text NOT NULL, \"status_since\" TIMESTAMP WITH TIME ZONE NOT NULL, \"authorised_on\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f4e253f1107db9b9f90c6ad823c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"authorisation_application\" ON \"authorisation\" (\"application_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"authorisation_certificate_number\" ON \"authorisation\" (\"certificate_number\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"accreditation\".\"authorisation_certificate_number\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"authorisation_application\"");
    await queryRunner.query("DROP TABLE \"authorisation\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"authorisation_transition_by_authorisation\"");
    await queryRunner.query("DROP TABLE \"authorisation_transition\"");
    await queryRunner.query("DROP TABLE \"known_operator\"");
    await queryRunner.query("DROP TABLE \"application\"");
    await queryRunner.query("DROP TABLE \"inbox\"");
    await queryRunner.query("DROP TABLE \"aggregate_sequence\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"outbox_unpublished\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
  }
}
