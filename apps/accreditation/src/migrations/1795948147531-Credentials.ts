import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Credentials1795948147531 implements MigrationInterface {
  name = 'Credentials1795948147531';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"credential\" (\"id\" uuid NOT NULL, \"authorisation_id\" uuid NOT NULL, \"operator_id\" uuid NOT NULL, \"status_index\" integer NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"valid_until\" TIMESTAMP WITH TIME ZONE NOT NULL, \"aeo_type\" character(1) NOT NULL, \"kid\" text NOT NULL, \"jwt\" text NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"revoked_because\" text, \"suspended\" boolean NOT NULL DEFAULT false, CONSTRAINT \"PK_3a5169bcd3d5463cefeec78be82\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"credential_status_index\" ON \"credential\" (\"status_index\") ");
    await queryRunner.query("CREATE INDEX \"credential_by_authorisation\" ON \"credential\" (\"authorisation_id\", \"issued_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"accreditation\".\"credential_by_authorisation\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"credential_status_index\"");
    await queryRunner.query("DROP TABLE \"credential\"");
  }
}
