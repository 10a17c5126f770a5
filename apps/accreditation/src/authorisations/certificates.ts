import { SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AeoTypeCode } from '../applications/application.entity';
import { AccreditationConfig } from '../config/accreditation.config';
import { certificateNumber, serialIn } from './certificate-number';

/**
 * The certificates of the administration: a serial from the database sequence for each new
 * authorisation, numbered in the administration's format (certificate-number.ts); a partial
 * revocation keeps the serial and renumbers it for the type the holder keeps.
 */
@Injectable()
export class CertificateNumbering {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig) {}

  /** The number of a certificate of this type and serial. */
  numberOf(aeoType: AeoTypeCode, serial: number): string {
    return certificateNumber(this.config.ADMINISTRATION, aeoType, serial, this.config.CERTIFICATE_NUMBER_FORMAT);
  }

  /** The serial of a number in this administration's format; null for a number in another format. */
  serialOf(number: string): number | null {
    return serialIn(number, this.config.ADMINISTRATION, this.config.CERTIFICATE_NUMBER_FORMAT);
  }

  /** A new serial, and its number, for an authorisation being granted (inside the caller's transaction). */
  async issue(manager: EntityManager, aeoType: AeoTypeCode): Promise<{ certificateSerial: number; certificateNumber: string }> {
    const [{ serial }] = await manager.query(`SELECT nextval('certificate_serial')::int AS serial`);
    return { certificateSerial: serial, certificateNumber: this.numberOf(aeoType, serial) };
  }

  /**
   * The serial an imported certificate takes: its own when its number is in this administration's
   * format (the sequence is moved past it, so no later grant is numbered the same), a new one otherwise.
   */
  async adopt(manager: EntityManager, number: string): Promise<number> {
    const serial = this.serialOf(number);
    if (serial === null) {
      const [{ next }] = await manager.query(`SELECT nextval('certificate_serial')::int AS next`);
      return next;
    }
    await manager.query(`SELECT setval('certificate_serial', greatest($1::bigint, (SELECT last_value FROM certificate_serial)))`, [serial]);
    return serial;
  }
}
