import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class AnsweredRequests1795934700007 implements MigrationInterface {
  name = 'AnsweredRequests1795934700007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"answered_request\" (\"requester\" character(2) NOT NULL, \"request_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"answered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_8d80f2421c9f2056537cb9950c5\" PRIMARY KEY (\"requester\", \"request_id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"answered_request\"");
  }
}
