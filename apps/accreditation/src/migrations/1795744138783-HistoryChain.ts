import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class HistoryChain1795744138783 implements MigrationInterface {
  name = 'HistoryChain1795744138783';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"transition\" ADD \"prev_hash\" character(64)");
    await queryRunner.query("ALTER TABLE \"transition\" ADD \"hash\" character(64)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"transition\" DROP COLUMN \"hash\"");
    await queryRunner.query("ALTER TABLE \"transition\" DROP COLUMN \"prev_hash\"");
  }
}
