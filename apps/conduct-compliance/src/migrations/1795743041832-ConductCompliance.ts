import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ConductCompliance1795743041832 implements MigrationInterface {
  name = 'ConductCompliance1795743041832';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"compliance_status\" (\"operator_id\" uuid NOT NULL, \"status\" text NOT NULL, \"grant_blocked_because\" text array NOT NULL DEFAULT '{}', \"warnings\" text array NOT NULL DEFAULT '{}', \"coverage\" numeric, \"declaration_due\" TIMESTAMP WITH TIME ZONE NOT NULL, \"declaration_overdue\" boolean NOT NULL, \"version\" bigint NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_6128a4773478c8c196306615988\" PRIMARY KEY (\"operator_id\"))");
    await queryRunner.query("CREATE TABLE \"declaration\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"code_version\" integer NOT NULL, \"statement\" text NOT NULL, \"declared_by\" jsonb NOT NULL, \"recorded_by\" text NOT NULL, \"declared_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_162458b77df5671bc1cd2df4fa7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"declaration_by_operator\" ON \"declaration\" (\"operator_id\", \"declared_at\") ");
    await queryRunner.query("CREATE TABLE \"incident\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"severity\" text NOT NULL, \"occurred_on\" date NOT NULL, \"description\" text NOT NULL, \"measures_taken\" text NOT NULL, \"reported_by\" text NOT NULL, \"reported_as\" text NOT NULL, \"reported_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"decision\" text, \"reviews\" jsonb NOT NULL DEFAULT '[]', \"suspension_proposed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_5f90b28b0b8238d89ee8edcf96e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"incident_by_operator\" ON \"incident\" (\"operator_id\", \"reported_at\") ");
    await queryRunner.query("CREATE TABLE \"person\" (\"id\" uuid NOT NULL, \"operator_id\" uuid, \"name\" text NOT NULL, \"role\" text NOT NULL, \"sensitive_access\" text array NOT NULL DEFAULT '{}', \"started_on\" date NOT NULL, \"left_on\" date, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_5fdaf670315c4b7e70cce85daa3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"person_by_operator\" ON \"person\" (\"operator_id\") ");
    await queryRunner.query("CREATE TABLE \"training\" (\"id\" uuid NOT NULL, \"person_id\" uuid NOT NULL, \"course\" text NOT NULL, \"completed_on\" date NOT NULL, \"valid_until\" date NOT NULL, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c436c96be3adf1aa439ef471427\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"training_by_person\" ON \"training\" (\"person_id\", \"valid_until\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"training_by_person\"");
    await queryRunner.query("DROP TABLE \"training\"");
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"person_by_operator\"");
    await queryRunner.query("DROP TABLE \"person\"");
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"incident_by_operator\"");
    await queryRunner.query("DROP TABLE \"incident\"");
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"declaration_by_operator\"");
    await queryRunner.query("DROP TABLE \"declaration\"");
    await queryRunner.query("DROP TABLE \"compliance_status\"");
  }
}
