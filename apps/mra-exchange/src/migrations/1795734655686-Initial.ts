import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Initial1795734655686 implements MigrationInterface {
  name = 'Initial1795734655686';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"topic\" text NOT NULL, \"key\" text NOT NULL, \"value\" bytea NOT NULL, \"headers\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"published_at\" TIMESTAMP WITH TIME ZONE, \"last_error\" text, CONSTRAINT \"UQ_eaeb48f0dd30890d452d108804b\" UNIQUE (\"position\"), CONSTRAINT \"PK_340ab539f309f03bdaa14aa7649\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_unpublished\" ON \"outbox\" (\"position\") WHERE published_at IS NULL");
    await queryRunner.query("CREATE TABLE \"aggregate_sequence\" (\"aggregate_id\" text NOT NULL, \"last_sequence\" bigint NOT NULL, CONSTRAINT \"PK_b5cdc8778a7c723d2c8f81e44a7\" PRIMARY KEY (\"aggregate_id\"))");
    await queryRunner.query("CREATE TABLE \"inbox\" (\"consumer\" text NOT NULL, \"message_id\" uuid NOT NULL, \"topic\" text NOT NULL, \"handled_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8902b2c18e35f1ba5a650a69c2f\" PRIMARY KEY (\"consumer\", \"message_id\"))");
    await queryRunner.query("CREATE TABLE \"arrangement\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"parties\" jsonb NOT NULL, \"benefits\" jsonb NOT NULL, \"effective_from\" date NOT NULL, \"effective_to\" date, \"created_by\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ea323dddf7ba7f752113c0ce261\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"received_record\" (\"issuer\" character(2) NOT NULL, \"sequence\" bigint NOT NULL, \"record_id\" uuid NOT NULL, \"operator_id\" text NOT NULL, \"operator_name\" text NOT NULL, \"certificate_number\" text NOT NULL, \"aeo_type\" character(1) NOT NULL, \"status\" text NOT NULL, \"status_since\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"shared_with_consent\" boolean NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"record\" bytea NOT NULL, \"signature\" bytea NOT NULL, \"key_id\" text NOT NULL, CONSTRAINT \"PK_10ff15a663cd2cfc6411577fb75\" PRIMARY KEY (\"issuer\", \"sequence\"))");
    await queryRunner.query("CREATE INDEX \"received_record_by_operator\" ON \"received_record\" (\"issuer\", \"operator_id\", \"status_since\") ");
    await queryRunner.query("CREATE TABLE \"received_identifier\" (\"issuer\" character(2) NOT NULL, \"scheme\" text NOT NULL, \"value\" text NOT NULL, \"operator_id\" text NOT NULL, CONSTRAINT \"PK_83b5c2efa3837ac1fbdfbb8fccc\" PRIMARY KEY (\"issuer\", \"scheme\", \"value\"))");
    await queryRunner.query("CREATE TABLE \"issuer_progress\" (\"issuer\" character(2) NOT NULL, \"last_sequence\" bigint NOT NULL, \"missing_sequences\" jsonb NOT NULL DEFAULT '[]', CONSTRAINT \"PK_c0e1ee4452165dc4c2a3f9119f1\" PRIMARY KEY (\"issuer\"))");
    await queryRunner.query("CREATE TABLE \"holder_operator\" (\"operator_id\" uuid NOT NULL, \"legal_name\" text NOT NULL, \"address\" jsonb NOT NULL, \"identifiers\" jsonb NOT NULL, \"share_with_partners\" boolean NOT NULL DEFAULT false, \"consent_version\" bigint NOT NULL DEFAULT '0', CONSTRAINT \"PK_e50ddb00d2ae5fb360e1a80abe8\" PRIMARY KEY (\"operator_id\"))");
    await queryRunner.query("CREATE TABLE \"holder_authorisation\" (\"authorisation_id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"certificate_number\" text NOT NULL, \"aeo_type\" character(1) NOT NULL, \"status\" text NOT NULL, \"status_since\" TIMESTAMP WITH TIME ZONE NOT NULL, \"authorised_on\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"version\" bigint NOT NULL, CONSTRAINT \"PK_780df054279d2ae2b964c0829be\" PRIMARY KEY (\"authorisation_id\"))");
    await queryRunner.query("CREATE INDEX \"holder_authorisation_by_operator\" ON \"holder_authorisation\" (\"operator_id\") ");
    await queryRunner.query("CREATE TABLE \"outbound_record\" (\"sequence\" bigint NOT NULL, \"record_id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"record\" bytea NOT NULL, \"signature\" bytea NOT NULL, \"key_id\" text NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_46b8e77d4375dfca7d0299d724f\" PRIMARY KEY (\"sequence\"))");
    await queryRunner.query("CREATE INDEX \"outbound_record_by_operator\" ON \"outbound_record\" (\"operator_id\") ");
    await queryRunner.query("CREATE TABLE \"issuer_sequence\" (\"issuer\" character(2) NOT NULL, \"last_sequence\" bigint NOT NULL, CONSTRAINT \"PK_b9bac9785f5b7417d1338c5cb1a\" PRIMARY KEY (\"issuer\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"issuer_sequence\"");
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"outbound_record_by_operator\"");
    await queryRunner.query("DROP TABLE \"outbound_record\"");
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"holder_authorisation_by_operator\"");
    await queryRunner.query("DROP TABLE \"holder_authorisation\"");
    await queryRunner.query("DROP TABLE \"holder_operator\"");
    await queryRunner.query("DROP TABLE \"issuer_progress\"");
    await queryRunner.query("DROP TABLE \"received_identifier\"");
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"received_record_by_operator\"");
    await queryRunner.query("DROP TABLE \"received_record\"");
    await queryRunner.query("DROP TABLE \"arrangement\"");
    await queryRunner.query("DROP TABLE \"inbox\"");
    await queryRunner.query("DROP TABLE \"aggregate_sequence\"");
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"outbox_unpublished\"");
    await queryRunner.query("DROP TABLE \"outbox\"");
  }
}
