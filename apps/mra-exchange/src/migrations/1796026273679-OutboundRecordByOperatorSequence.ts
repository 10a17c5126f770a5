import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class OutboundRecordByOperatorSequence1796026273679 implements MigrationInterface {
  name = 'OutboundRecordByOperatorSequence1796026273679';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"outbound_record_by_operator\"");
    await queryRunner.query("CREATE INDEX \"outbound_record_by_operator\" ON \"outbound_record\" (\"operator_id\", \"sequence\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"outbound_record_by_operator\"");
    await queryRunner.query("CREATE INDEX \"outbound_record_by_operator\" ON \"outbound_record\" (\"operator_id\") ");
  }
}
