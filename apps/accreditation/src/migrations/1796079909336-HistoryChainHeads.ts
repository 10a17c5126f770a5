import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class HistoryChainHeads1796079909336 implements MigrationInterface {
  name = 'HistoryChainHeads1796079909336';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"transition_chain_head\" (\"operator_id\" uuid NOT NULL, \"hash\" character(64), CONSTRAINT \"PK_3688991697a491572966b1cc5e7\" PRIMARY KEY (\"operator_id\"))");
    // Each operator's chain so far ends at its last hashed row.
    await queryRunner.query(`INSERT INTO "transition_chain_head" ("operator_id", "hash")
      SELECT DISTINCT ON ("operator_id") "operator_id", "hash" FROM "transition" WHERE "hash" IS NOT NULL ORDER BY "operator_id", "position" DESC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"transition_chain_head\"");
  }
}
