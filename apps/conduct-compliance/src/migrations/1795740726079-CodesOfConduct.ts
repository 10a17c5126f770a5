import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class CodesOfConduct1795740726079 implements MigrationInterface {
  name = 'CodesOfConduct1795740726079';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"code_of_conduct\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"version\" integer NOT NULL, \"text\" text NOT NULL, \"checksum\" character(64) NOT NULL, \"adopted_on\" date NOT NULL, \"approved_by\" jsonb NOT NULL, \"status\" text NOT NULL, \"submitted_by\" text NOT NULL, \"submitted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"reviewed_by\" text, \"reviewed_at\" TIMESTAMP WITH TIME ZONE, \"review_reason\" text, CONSTRAINT \"PK_ce9bdfbc622350f84a4d52c3e83\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"code_of_conduct_version\" ON \"code_of_conduct\" (\"operator_id\", \"version\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"code_of_conduct_version\"");
    await queryRunner.query("DROP TABLE \"code_of_conduct\"");
  }
}
