import { MigrationInterface, QueryRunner } from 'typeorm';

// Certificate serials (certificate-number.ts): a sequence, which entities cannot describe.
export class CertificateSerial1795734700000 implements MigrationInterface {
  name = 'CertificateSerial1795734700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE "certificate_serial" START 1 NO CYCLE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SEQUENCE "certificate_serial"');
  }
}
