import { SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { DirectoryQueryDto } from './dto/directory-query.dto';
import { DirectoryEntryView } from './dto/directory-entry.view';

/** The public directory: this administration's valid AEOs whose holders consented to publication. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async search(query: DirectoryQueryDto): Promise<DirectoryEntryView[]> {
    const rows: { legal_name: string; aeo_type: 'C' | 'S' | 'F'; certificate_number: string; authorised_on: Date }[] =
      await this.dataSource.query(
        `SELECT o.legal_name, a.aeo_type, a.certificate_number, a.authorised_on
         FROM holder_operator o JOIN holder_authorisation a ON a.operator_id = o.operator_id
         WHERE o.publish_in_directory AND a.status = 'valid'
           AND ($1::text IS NULL OR o.legal_name ILIKE '%' || $1 || '%')
           AND ($2::text IS NULL OR a.aeo_type = $2)
         ORDER BY o.legal_name, a.certificate_number LIMIT $3 OFFSET $4`,
        [query.name?.replace(/[%_\\]/g, (c) => `\\${c}`) ?? null, query.type ?? null, query.limit, query.offset],
      );
    return rows.map((r) => ({
      holder: r.legal_name,
      country: this.config.ADMINISTRATION,
      aeoType: `AEO-${r.aeo_type}` as const,
      certificateNumber: r.certificate_number,
      authorisedOn: r.authorised_on.toISOString().slice(0, 10),
    }));
  }
}
