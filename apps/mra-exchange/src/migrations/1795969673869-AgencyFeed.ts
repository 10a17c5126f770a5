import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class AgencyFeed1795969673869 implements MigrationInterface {
  name = 'AgencyFeed1795969673869';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Positions of the agency feed: never reused, even for entries removed when a holder withdraws publication.
    await queryRunner.query('CREATE SEQUENCE "agency_feed_position"');
    await queryRunner.query("CREATE TABLE \"agency_status_change\" (\"position\" bigint NOT NULL, \"operator_id\" uuid NOT NULL, \"operator_name\" text NOT NULL, \"identifiers\" jsonb NOT NULL, \"authorisation_id\" uuid NOT NULL, \"certificate_number\" text NOT NULL, \"aeo_type\" character(1) NOT NULL, \"status\" text NOT NULL, \"status_since\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"published\" boolean NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_60176713d0fda60a6c5262c9919\" PRIMARY KEY (\"position\"))");
    await queryRunner.query("CREATE INDEX \"agency_status_change_by_operator\" ON \"agency_status_change\" (\"operator_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SEQUENCE "agency_feed_position"');
    await queryRunner.query("DROP INDEX \"mra_exchange\".\"agency_status_change_by_operator\"");
    await queryRunner.query("DROP TABLE \"agency_status_change\"");
  }
}
