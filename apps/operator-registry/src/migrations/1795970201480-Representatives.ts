import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Representatives1795970201480 implements MigrationInterface {
  name = 'Representatives1795970201480';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"representation\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"representative\" text NOT NULL, \"acts\" text array NOT NULL, \"valid_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE, \"granted_by\" text NOT NULL, \"granted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_by\" text, CONSTRAINT \"PK_208f70644819f5dc1f7d67effc8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"representation_by_representative\" ON \"representation\" (\"representative\") ");
    await queryRunner.query("CREATE INDEX \"representation_by_operator\" ON \"representation\" (\"operator_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"operator_registry\".\"representation_by_operator\"");
    await queryRunner.query("DROP INDEX \"operator_registry\".\"representation_by_representative\"");
    await queryRunner.query("DROP TABLE \"representation\"");
  }
}
