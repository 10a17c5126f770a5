import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Representatives1795970205499 implements MigrationInterface {
  name = 'Representatives1795970205499';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"known_representation\" (\"id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"representative\" text NOT NULL, \"acts\" text array NOT NULL, \"valid_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_ea0038ccd850f2afe89472b498a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"known_representation_by_representative\" ON \"known_representation\" (\"representative\", \"operator_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"conduct_compliance\".\"known_representation_by_representative\"");
    await queryRunner.query("DROP TABLE \"known_representation\"");
  }
}
