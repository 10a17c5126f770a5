import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class HistoryChainPerOperator1795744782491 implements MigrationInterface {
  name = 'HistoryChainPerOperator1795744782491';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"accreditation\".\"transition_by_operator\"");
    await queryRunner.query("CREATE INDEX \"transition_by_operator\" ON \"transition\" (\"operator_id\", \"position\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"accreditation\".\"transition_by_operator\"");
    await queryRunner.query("CREATE INDEX \"transition_by_operator\" ON \"transition\" (\"operator_id\", \"at\") ");
  }
}
