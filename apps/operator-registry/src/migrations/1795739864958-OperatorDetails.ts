import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class OperatorDetails1795739864958 implements MigrationInterface {
  name = 'OperatorDetails1795739864958';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"operator_change\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"changes\" jsonb NOT NULL, \"significant\" boolean NOT NULL, \"notified_by\" text NOT NULL, \"notified_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_5439b668060c6a99bda3d3e9e47\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"operator_change_by_operator\" ON \"operator_change\" (\"operator_id\", \"notified_at\") ");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"trading_names\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"roles\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"sites\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"contacts\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"employees\" integer");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"annual_turnover\" numeric");
    await queryRunner.query("ALTER TABLE \"operator\" ADD \"size_class\" text");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"size_class\"");
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"annual_turnover\"");
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"employees\"");
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"contacts\"");
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"sites\"");
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"roles\"");
    await queryRunner.query("ALTER TABLE \"operator\" DROP COLUMN \"trading_names\"");
    await queryRunner.query("DROP INDEX \"operator_registry\".\"operator_change_by_operator\"");
    await queryRunner.query("DROP TABLE \"operator_change\"");
  }
}
