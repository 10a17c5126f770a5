import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class CertificateSerialUnique1795971798156 implements MigrationInterface {
  name = 'CertificateSerialUnique1795971798156';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE UNIQUE INDEX \"authorisation_certificate_serial\" ON \"authorisation\" (\"certificate_serial\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"accreditation\".\"authorisation_certificate_serial\"");
  }
}
