import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class VerifiableLog1795959239194 implements MigrationInterface {
  name = 'VerifiableLog1795959239194';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"issuer_log\" (\"issuer\" character(2) NOT NULL, \"size\" bigint NOT NULL, \"frontier\" jsonb NOT NULL, CONSTRAINT \"PK_eea848580dd186556d73155fdda\" PRIMARY KEY (\"issuer\"))");
    await queryRunner.query("CREATE TABLE \"received_leaf\" (\"issuer\" character(2) NOT NULL, \"sequence\" bigint NOT NULL, \"leaf_hash\" bytea NOT NULL, CONSTRAINT \"PK_4a5197c53a1849c2da395cbc10e\" PRIMARY KEY (\"issuer\", \"sequence\"))");
    await queryRunner.query("CREATE TABLE \"partner_log\" (\"issuer\" character(2) NOT NULL, \"frontier\" jsonb NOT NULL, \"verified_size\" bigint NOT NULL DEFAULT '0', \"verified_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_422dd955242bdab9175c5d0a632\" PRIMARY KEY (\"issuer\"))");
    await queryRunner.query("CREATE TABLE \"partner_checkpoint\" (\"issuer\" character(2) NOT NULL, \"size\" bigint NOT NULL, \"root\" bytea NOT NULL, \"note\" bytea NOT NULL, \"signature\" bytea NOT NULL, \"key_id\" text NOT NULL, \"verified_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_0f53ea1bccbf340f90314fc6932\" PRIMARY KEY (\"issuer\", \"size\"))");
    await queryRunner.query("CREATE TABLE \"log_alert\" (\"id\" uuid NOT NULL, \"issuer\" character(2) NOT NULL, \"kind\" text NOT NULL, \"detail\" text NOT NULL, \"evidence\" jsonb NOT NULL, \"detected_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_660fc2ff194537665c4488524b1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"received_cosignature\" (\"issuer\" character(2) NOT NULL, \"size\" bigint NOT NULL, \"cosigner\" character(2) NOT NULL, \"root\" bytea NOT NULL, \"message\" bytea NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_36f486d905d0e53d437eaf39bcf\" PRIMARY KEY (\"issuer\", \"size\", \"cosigner\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"received_cosignature\"");
    await queryRunner.query("DROP TABLE \"log_alert\"");
    await queryRunner.query("DROP TABLE \"partner_checkpoint\"");
    await queryRunner.query("DROP TABLE \"partner_log\"");
    await queryRunner.query("DROP TABLE \"received_leaf\"");
    await queryRunner.query("DROP TABLE \"issuer_log\"");
  }
}
